import { createContext, useContext } from 'react';
import type { ModelId } from '../../src/store/editor/modelChoice';

/** The model on screen and how to switch to another (app/ModelRoot.tsx gives a fresh editor per model). */
export interface ModelChoice {
  modelId: ModelId;
  switchModel(id: ModelId): void;
}

export const ModelChoiceContext = createContext<ModelChoice | null>(null);

export function useModelChoice(): ModelChoice {
  const choice = useContext(ModelChoiceContext);
  if (!choice) throw new Error('useModelChoice outside <ModelChoiceContext.Provider>');
  return choice;
}
