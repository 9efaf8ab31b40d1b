// A repeatable pseudo-random sequence in [0, 1) for the benches' made-up data (a linear
// congruential generator with Numerical Recipes' constants): the same seed gives the same data
// every run, so figures compare across runs.
const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
};

export { seededRandom };
