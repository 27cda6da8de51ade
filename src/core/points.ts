/**
 * 10 g CO2e earn 1 point: close to Luzhou's ≈8 g, rounded to a figure residents can do in their heads.
 * Its own module so the client can name it without loading the methodology's factor tables.
 */
export const GRAMS_PER_POINT = 10
