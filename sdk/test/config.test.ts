import { describe, expect, it } from 'vitest';
import { DEFAULTS, readOptions } from '../src/config.ts';

const PAGE = 'https://shop.example/p/1';
const SRC = 'https://cdn.shop.example/rec.js';

describe('readOptions', () => {
  it('defaults the endpoint to where rec.js came from', () => {
    expect(readOptions({ key: 'demo' }, SRC, PAGE)).toEqual({
      key: 'demo',
      endpoint: 'https://cdn.shop.example',
      base: SRC,
      batchSize: DEFAULTS.batchSize,
      flushMs: DEFAULTS.flushMs,
      consent: 'opt-in',
      vitals: true,
      datalayer: false,
    });
  });
  it('reads every data attribute', () => {
    const data = {
      key: 'k',
      endpoint: 'https://rec.example/ignored/path',
      batchSize: '5',
      flushMs: '0',
      consent: 'opt-out',
      vitals: 'off',
      datalayer: '', // a bare attribute: `<script … data-datalayer>`
    };
    expect(readOptions(data, '', PAGE)).toMatchObject({
      endpoint: 'https://rec.example',
      base: PAGE,
      batchSize: 5,
      flushMs: 0,
      consent: 'opt-out',
      vitals: false,
      datalayer: true,
    });
  });
  it('names the attribute that is wrong', () => {
    expect(readOptions({}, SRC, PAGE)).toMatch(/data-key/);
    expect(readOptions({ key: 'k', batchSize: '500' }, SRC, PAGE)).toMatch(/data-batch-size/);
    expect(readOptions({ key: 'k', flushMs: 'soon' }, SRC, PAGE)).toMatch(/data-flush-ms/);
    expect(readOptions({ key: 'k', consent: 'maybe' }, SRC, PAGE)).toMatch(/data-consent/);
    expect(readOptions({ key: 'k', endpoint: 'not a url' }, SRC, PAGE)).toMatch(/data-endpoint/);
  });
});
