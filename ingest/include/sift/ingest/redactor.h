// Redactor: replaces personal data in free text with typed placeholders.
//
// Kinds and placeholders:
//   email     [EMAIL]     user@example.co.uk
//   url       [URL]       links to a person's own page: social-media
//                         profiles (facebook.com/jane.smith, twitter.com/x,
//                         linkedin.com/in/...) and personal paths (/~jo,
//                         /users/jo, /profile/jo); organisations' pages stay
//   nino      [NINO]      National Insurance numbers, QQ 12 34 56 C
//   phone     [PHONE]     UK numbers: 01727 123456, (01442) 867 530,
//                         07700 900123, +44 20 7946 0958
//   postcode  [POSTCODE]  UK postcodes, AL1 3JX, sg12ab, wd17 1hp
// Years, sums of money, percentages, road numbers (A414, A1(M)) and policy
// or bill numbers are left alone. All patterns run in one RE2 pass.
//
// Thread safety: Redact() is const and may be called from several threads.
#ifndef SIFT_INGEST_REDACTOR_H_
#define SIFT_INGEST_REDACTOR_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sift/core/status.h"

namespace sift::ingest {

enum class PiiKind { kEmail = 0, kUrl, kNino, kPhone, kPostcode };
inline constexpr int kPiiKindCount = 5;

// "email", "url", "nino", "phone", "postcode": the keys of the report.
const char* PiiKindName(PiiKind kind);
// "[EMAIL]", "[URL]", "[NINO]", "[PHONE]", "[POSTCODE]".
const char* PiiPlaceholder(PiiKind kind);

// Redactions per kind, indexed by static_cast<int>(PiiKind).
struct RedactionCounts {
  std::array<std::int64_t, kPiiKindCount> by_kind{};
  std::int64_t total() const;
  RedactionCounts& operator+=(const RedactionCounts& other);
};

class Redactor {
 public:
  // Compiles the patterns; fails only if RE2 rejects them.
  static Result<Redactor> Create();

  // Returns `text` with every match replaced by its placeholder, adding one
  // to `counts` (if not null) per replacement. REQUIRES: valid UTF-8.
  std::string Redact(std::string_view text, RedactionCounts* counts) const;

 private:
  struct Patterns;
  explicit Redactor(std::shared_ptr<const Patterns> p)
      : patterns_(std::move(p)) {}
  std::shared_ptr<const Patterns> patterns_;
};

}  // namespace sift::ingest

#endif  // SIFT_INGEST_REDACTOR_H_
