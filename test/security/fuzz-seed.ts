// Property runs are random where people explore (a new seed each run, printed by fast-check on failure) and fixed in
// CI (`CI=true`), so a merge is judged on the same cases every time; FUZZ_SEED picks the seed for either.
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED ?? (process.env.CI ? '20261202' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
