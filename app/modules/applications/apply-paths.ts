// Pure and tiny: imported by the site header, which every hydrated page ships.

/**
 * The apply pages ship no React (docs/decisions/005): links and redirects into them
 * from hydrated pages load a document, so their enhancement script runs.
 */
export const isApplyPath = (path: string) => /^\/p\/[^/]+\/apply(\/|$|\?)/.test(path)
