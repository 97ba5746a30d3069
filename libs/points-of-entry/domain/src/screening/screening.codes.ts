/**
 * Fixed lists of the health screening workflow (IHR 2005 port health practice). Screening never
 * needs the traveller's identity: only the crossing id, the point of entry and the age band.
 */

/** Symptoms a health declaration may list. */
export const SYMPTOMS = [
  'fever',
  'cough',
  'sore-throat',
  'shortness-of-breath',
  'loss-of-taste-or-smell',
  'fatigue',
  'headache',
  'muscle-pain',
  'diarrhoea',
  'vomiting',
  'rash',
  'jaundice',
  'unexplained-bleeding',
  'confusion',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const TEST_TYPES = ['rapid-antigen', 'pcr'] as const;
export type TestType = (typeof TEST_TYPES)[number];

export const TEST_RESULTS = ['positive', 'negative', 'invalid'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/** Vaccine products (WHO emergency use listing names). */
export const VACCINE_PRODUCTS = [
  'comirnaty',
  'spikevax',
  'vaxzevria',
  'covishield',
  'coronavac',
  'covilo',
  'jcovden',
  'covaxin',
  'nuvaxovid',
  'covovax',
  'convidecia',
] as const;
export type VaccineProduct = (typeof VACCINE_PRODUCTS)[number];

/** The two pathways: travellers with and without symptoms are screened differently. */
export const PATHWAYS = ['symptomatic', 'asymptomatic'] as const;
export type Pathway = (typeof PATHWAYS)[number];

export const OUTCOME_CATEGORIES = ['cleared', 'quarantine', 'isolation', 'referral-for-care'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

/** Laboratory codes look like `TH-LAB-0012`: country, then the laboratory's registry code. */
export const LABORATORY_CODE = /^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{1,30}$/;
