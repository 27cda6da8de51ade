/**
 * Bounds on list reads. No statement reads a table that grows with residents or with time without a LIMIT: one
 * call must never hold a whole table in memory. Where a list is shown, its LIMIT keeps the rows that matter
 * (newest, active, largest first) and the contract says "at most N". Where every row matters (a total, a rule's
 * input, what a deletion must settle), a missing row would make the answer silently wrong: those reads ask for
 * one row past their bound and refuse when it comes back (everyRow).
 */

/** The LIMIT of a read that must see every row: one past its bound, so crossing the bound is seen. */
export const pastBound = (bound: number) => bound + 1

/**
 * The rows of a read whose answer is wrong if any is missing, read with LIMIT pastBound(bound). Past the bound
 * the call fails (an internal error the operator sees in the log) rather than answering from part of the rows:
 * bounds are set far above any real size, so crossing one means the data outgrew this design.
 */
export function everyRow<T>(rows: T[], bound: number, what: string): T[] {
  if (rows.length > bound) throw new Error(`${what}: more than ${bound} rows, past the bound this read was written for`)
  return rows
}
