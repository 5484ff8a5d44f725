// createTsMemberTracker: a brace that closes nothing (in a regular expression, a string over several lines) is passed over.
import { describe, expect, it } from 'vitest';
import { createTsMemberTracker } from './track-ts-members.js';

describe('createTsMemberTracker', () => {
  it('passes over a closing brace that closes nothing and still reads the members after it', () => {
    // This project's 9984c18 hung its own import here: the depth went below 0 and the scopes were popped forever.
    const tracker = createTsMemberTracker();
    const lines = ['const CLOSE = /}/;', '  }`;', 'export interface Options {', '  quirksMode?: boolean;', '}'];
    const members = lines.map((line) => {
      const member = tracker.readMember(line);
      tracker.advance(line);
      return member;
    });
    expect(members).toEqual([null, null, null, { name: 'quirksMode', exported: true }, null]);
  });
});
