// Locations follow AWS's diagnostics: "/States/A/Next", "/States/C/Choices[0]/Next",
// "/States/T/Catch[0]/Next" (index in brackets, not as a path segment).
const child = (path: string, key: string): string => `${path === '/' ? '' : path}/${key}`;

const indexed = (path: string, index: number): string => `${path}[${index}]`;

export { child, indexed };
