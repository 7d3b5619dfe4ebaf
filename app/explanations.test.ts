import { describe, expect, it } from 'vitest';
import { EXPLAIN_TOPICS, EXPLANATIONS } from './explanations';

// The texts are for a class: short enough to read aloud, long enough to say something.
const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z(])/).filter((s) => s.trim() !== '');

describe('explanations', () => {
  it('covers every topic the app and the classroom model name', () => {
    expect([...EXPLAIN_TOPICS].sort()).toEqual(
      [
        'attribute-vectors',
        'discriminator',
        'generator',
        'intervention',
        'inversion',
        'latent-map',
        'minimax',
        'orthogonalisation',
        'slerp-vs-lerp',
        'verdict',
        'z-and-y',
      ].sort(),
    );
  });

  it.each(EXPLAIN_TOPICS)('%s: a title and 2 to 5 plain sentences', (topic) => {
    const { title, text } = EXPLANATIONS[topic];
    expect(title.length).toBeGreaterThan(2);
    const count = sentences(text).length;
    expect(count, text).toBeGreaterThanOrEqual(2);
    expect(count, text).toBeLessThanOrEqual(5);
    expect(text).not.toMatch(/\s{2,}|\.\./);
  });
});
