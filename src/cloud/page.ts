// One page of a listing and the token of the next, as every explorer view loads them.
export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  next?: string;
}
