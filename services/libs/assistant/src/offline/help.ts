import { EXAMPLES } from './lexicon';

/** The one fixed reply: what the offline assistant understands, by example. */
export function helpText(opening = "I didn't catch that."): string {
  return `${opening} I'm the built-in assistant (no AI key needed): I can drive the DAW and answer music-theory questions. Try:\n${EXAMPLES.map((example) => `• ${example}`).join('\n')}`;
}
