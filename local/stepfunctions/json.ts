// Small JSON helpers shared by the API operations.

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

export { isJson };
