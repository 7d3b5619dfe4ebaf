import type { Landmarks } from '../align';

/** Where the five landmarks sit in the celeba64 model's crops (its manifest), in fractions of the crop side. */
export const MODEL_LANDMARKS: Landmarks = {
  leftEye: [0.3655, 0.473],
  rightEye: [0.6244, 0.4754],
  nose: [0.4951, 0.6376],
  mouthLeft: [0.3841, 0.7483],
  mouthRight: [0.6099, 0.7508],
};
