/**
 * The slots of the Int32Array a lint worker shares with its pool (no engine code here, so the
 * pool's side loads none): the id of the job it is running (0: none), and when that job started,
 * in ms after the pool's origin.
 */
export const STATE_RUNNING = 0;
export const STATE_STARTED = 1;
