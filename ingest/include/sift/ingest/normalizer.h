// TextNormalizer: turns decoded UTF-8 from a survey export into the two forms
// sift keeps of every response text.
//
//  - Display text, shown to analysts: HTML entities from web forms decoded and
//    tags stripped (block tags become line breaks), Unicode NFC, control and
//    invisible format characters removed, runs of spaces collapsed, line
//    breaks kept (at most one blank line in a row), ends trimmed.
//  - Analysis text, indexed and compared: the display text under NFKC, with
//    typographic quotes, primes and dashes folded to ASCII and every run of
//    whitespace (line breaks included) collapsed to one space.
//
// Thread safety: const methods may be called from several threads at once
// (the ICU normaliser instances are immutable process-wide singletons).
#ifndef SIFT_INGEST_NORMALIZER_H_
#define SIFT_INGEST_NORMALIZER_H_

#include <string>
#include <string_view>

#include "sift/core/status.h"

namespace sift::ingest {

class TextNormalizer {
 public:
  // Fails only when ICU's normalisation data cannot be loaded.
  static Result<TextNormalizer> Create();

  // REQUIRES: `utf8` is valid UTF-8 (RecordReader guarantees it).
  std::string ForDisplay(std::string_view utf8) const;

  // REQUIRES: `display` came from ForDisplay() (possibly redacted since).
  std::string ForAnalysis(std::string_view display) const;

 private:
  struct Instances;
  explicit TextNormalizer(const Instances* instances) : icu_(instances) {}
  const Instances* icu_;  // not owned; lives for the process
};

// Decodes HTML character references (&amp; &nbsp; &#8217; &#x2019; ...) and
// strips tags, turning <br>, <p>, <div> and <li> into line breaks. Text
// without '<' or '&' is returned unchanged; "a < b" and "R&D" are left alone.
std::string DecodeHtml(std::string_view text);

// Folds text for equality tests (dedup keys, filter values): ICU case
// folding of `analysis` text. REQUIRES: valid UTF-8.
std::string CaseFold(std::string_view text);

// The key under which a categorical value is filtered and counted: case
// folded, ASCII letters and digits kept, every other run of ASCII as one
// '_' ("St. Albans" and "st albans" -> "st_albans"). Non-ASCII letters are
// kept (folded).
std::string FilterKey(std::string_view value);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_NORMALIZER_H_
