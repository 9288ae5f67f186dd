/** Types of targets.mjs (plain JS: Stryker's config and scripts/mutation.js load it directly). */
export interface MutationTarget {
  /** The folder whose score this target counts towards. */
  folder: string
  /** Globs of the files to mutate. */
  mutate: string[]
  /** Globs of the tests that may kill the mutants. */
  tests: string[]
  /** tsconfig of the TypeScript checker. */
  tsconfig: string
}
export declare const TARGETS: Record<string, MutationTarget>
export declare function currentTarget(): MutationTarget & { name: string }
