// Package viet is the one home of Vietnamese text handling: folding for
// search (Fold, MatchesAll), Vietnamese sort order (SortKey), clean-up of
// typed and imported text (Clean, UpperFirst, LowerFirst), the TCVN3 and
// VNI legacy font encodings of old spreadsheets (DetectLegacy, Legacy), and
// the check that a word is a Vietnamese syllable (ValidSyllable), used both
// to detect those encodings and by the built-in typing engine.
//
// It knows nothing of screens or the database: no Fyne, no SQL.
package viet
