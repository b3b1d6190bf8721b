import { describe, expect, it } from 'vitest';
import { applyConsent, DENIED, defaultConsent, isRevocation, privacySignal } from '../src/consent.ts';
import { fromConsentCommand } from '../src/consent-gcm.ts';
import { fromTcData } from '../src/consent-tcf.ts';

const ALL = { analytics: true, personalization: true, storage: true };

describe('defaults', () => {
  it('opt-in waits, opt-out grants, GPC and DNT refuse', () => {
    expect(defaultConsent('opt-in', false)).toEqual({ state: DENIED, decided: false });
    expect(defaultConsent('opt-out', false)).toEqual({ state: ALL, decided: true });
    expect(defaultConsent('opt-out', true)).toEqual({ state: DENIED, decided: true });
    expect(privacySignal({ globalPrivacyControl: true } as unknown as Navigator)).toBe(true);
    expect(privacySignal({ doNotTrack: '1' } as unknown as Navigator)).toBe(true);
    expect(privacySignal({ doNotTrack: null } as unknown as Navigator)).toBe(false);
  });
});

describe('applyConsent', () => {
  it('keeps omitted purposes and derives storage unless given', () => {
    expect(applyConsent(DENIED, { analytics: true })).toEqual({ ...DENIED, analytics: true, storage: true });
    expect(applyConsent(ALL, { personalization: false })).toEqual({ ...ALL, personalization: false });
    expect(applyConsent(DENIED, { personalization: true, storage: false })).toEqual({
      ...DENIED,
      personalization: true,
    });
  });
  it('ignores non-boolean values', () => {
    expect(applyConsent(DENIED, { analytics: 'yes' as unknown as boolean })).toEqual(DENIED);
  });
  it('calls it a revocation only when a granted purpose is refused', () => {
    expect(isRevocation(ALL, { ...ALL, analytics: false })).toBe(true);
    expect(isRevocation(ALL, { ...ALL, storage: false })).toBe(false);
    expect(isRevocation(DENIED, ALL)).toBe(false);
  });
});

describe('IAB TCF v2.2', () => {
  const tc = (consents: Record<number, boolean>, eventStatus = 'useractioncomplete') => ({
    gdprApplies: true,
    eventStatus,
    purpose: { consents },
  });
  it('maps purposes 1, 5+6, 8+10', () => {
    expect(fromTcData(tc({ 1: true, 5: true, 6: true, 8: true, 10: true }))).toEqual(ALL);
    expect(fromTcData(tc({ 1: true, 5: true, 8: true, 10: true }))).toEqual({
      ...ALL,
      personalization: false,
    });
    expect(fromTcData(tc({ 5: true, 6: true }))).toEqual({ ...DENIED, personalization: true });
  });
  it('says nothing before the CMP is ready or when GDPR does not apply', () => {
    expect(fromTcData(tc({ 1: true }, 'cmpuishown'))).toBeUndefined();
    expect(fromTcData({ gdprApplies: false, eventStatus: 'tcloaded' })).toBeUndefined();
    expect(fromTcData(null)).toBeUndefined();
  });
});

describe('Google Consent Mode v2', () => {
  it('reads analytics_storage and personalization_storage from gtag consent commands', () => {
    expect(
      fromConsentCommand(['consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' }]),
    ).toEqual({
      analytics: false,
      personalization: undefined,
    });
    expect(fromConsentCommand(['consent', 'update', { personalization_storage: 'granted' }])).toEqual({
      analytics: undefined,
      personalization: true,
    });
  });
  it('ignores other dataLayer entries', () => {
    expect(fromConsentCommand(['event', 'page_view', {}])).toBeUndefined();
    expect(fromConsentCommand(['consent', 'update', { ad_storage: 'granted' }])).toBeUndefined();
    expect(fromConsentCommand(['consent', 'default', null])).toBeUndefined();
    expect(fromConsentCommand(null)).toBeUndefined();
  });
});
