/** Input and output names of the session-tower ONNX graph (pure: manifests and the edge's tests name them too). */

/** Graph input and output names (the serving code feeds these). */
export const TOWER_IO = { items: 'items', ages: 'ages', output: 'embedding' } as const;
