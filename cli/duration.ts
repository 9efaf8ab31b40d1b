// "30d", "2w", "36h", "90m", "45s" -> seconds, for `accredit clock advance`.
const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

class InvalidDurationError extends Error {
  constructor(text: string, options?: ErrorOptions) {
    super(`"${text}" is not a duration: use a whole number and a unit s, m, h, d or w (e.g. 30d)`, options);
    this.name = 'InvalidDuration';
  }
}

const parseDurationSeconds = (text: string): number => {
  const match = /^(\d+)([smhdw])$/.exec(text.trim());
  if (!match) throw new InvalidDurationError(text);
  return Number(match[1]) * unitSeconds[match[2]];
};

export { InvalidDurationError, parseDurationSeconds };
