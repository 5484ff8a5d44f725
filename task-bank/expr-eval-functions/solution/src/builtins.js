// The calculator's built-in functions, each with the argument counts it accepts.

const one = (fn) => ({ min: 1, max: 1, fn });

export const BUILTINS = {
  abs: one(Math.abs),
  sqrt: one(Math.sqrt),
  floor: one(Math.floor),
  ceil: one(Math.ceil),
  round: { min: 1, max: 2, fn: (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits },
  min: { min: 1, max: Infinity, fn: Math.min },
  max: { min: 1, max: Infinity, fn: Math.max },
};

export const CONSTANTS = { pi: Math.PI, e: Math.E };
