/**
 * What a saved face, a custom attribute file or a share link must agree on with the loaded model: its id, the size of
 * z and the attributes in order. One shape for all three, so they check a model the same way.
 */
export interface ModelShape {
  modelId: string;
  latentSize: number;
  attributeNames: readonly string[];
}
