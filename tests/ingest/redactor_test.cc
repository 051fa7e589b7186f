// Tests for Redactor: what it must redact, and what it must leave alone.
#include "sift/ingest/redactor.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace sift::ingest {
namespace {

class RedactorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = Redactor::Create();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    redactor_.emplace(std::move(r.value()));
  }
  std::optional<Redactor> redactor_;
};

constexpr PiiKind kEmail = PiiKind::kEmail;
constexpr PiiKind kUrl = PiiKind::kUrl;
constexpr PiiKind kNino = PiiKind::kNino;
constexpr PiiKind kPhone = PiiKind::kPhone;
constexpr PiiKind kPostcode = PiiKind::kPostcode;

struct Positive {
  std::string input;
  std::string want;
  PiiKind kind;
  int count;
};

TEST_F(RedactorTest, RedactsPersonalData) {
  const Positive cases[] = {
      // email
      {"Contact jane.smith@example.com please", "Contact [EMAIL] please",
       kEmail, 1},
      {"jo@mail.herts.sch.uk.", "[EMAIL].", kEmail, 1},
      {"(dave+consultation@example.org)", "([EMAIL])", kEmail, 1},
      {"a@b.co, C_D-e@x-y.example.net", "[EMAIL], [EMAIL]", kEmail, 2},
      {"from john_smith@example.com", "from [EMAIL]", kEmail, 1},
      // phone
      {"Call 01727 123456 today", "Call [PHONE] today", kPhone, 1},
      {"020 7946 0958", "[PHONE]", kPhone, 1},
      {"mobile: 07700 900123.", "mobile: [PHONE].", kPhone, 1},
      {"07700900123", "[PHONE]", kPhone, 1},
      {"tel +44 20 7946 0958", "tel [PHONE]", kPhone, 1},
      {"+44 (0)1442 867530", "[PHONE]", kPhone, 1},
      {"on (01442) 867 530 or", "on [PHONE] or", kPhone, 1},
      {"0044 7700 900123", "[PHONE]", kPhone, 1},
      {"01727-123-456", "[PHONE]", kPhone, 1},
      // postcode
      {"I live at AL1 3JX.", "I live at [POSTCODE].", kPostcode, 1},
      {"SG1 2AB", "[POSTCODE]", kPostcode, 1},
      {"near wd17 1hp, Watford", "near [POSTCODE], Watford", kPostcode, 1},
      {"AL13JX", "[POSTCODE]", kPostcode, 1},
      {"EC1A 1BB", "[POSTCODE]", kPostcode, 1},
      {"M1 1AA and SW1A 2AA", "[POSTCODE] and [POSTCODE]", kPostcode, 2},
      // next to non-ASCII punctuation, which is not part of a word
      {"Rickmansworth WD3 4ZZ\u2026 anyway",
       "Rickmansworth [POSTCODE]\u2026 anyway", kPostcode, 1},
      {"\u201cAL1 3JX\u201d", "\u201c[POSTCODE]\u201d", kPostcode, 1},
      {"ring 07700 900123\u2014any time", "ring [PHONE]\u2014any time", kPhone,
       1},
      // national insurance number
      {"NI: QQ 12 34 56 C", "NI: [NINO]", kNino, 1},
      {"AB123456D", "[NINO]", kNino, 1},
      // personal URLs
      {"see https://www.facebook.com/jane.smith.9081 for more",
       "see [URL] for more", kUrl, 1},
      {"https://twitter.com/herts_dave", "[URL]", kUrl, 1},
      {"linkedin.com/in/jo-bloggs", "[URL]", kUrl, 1},
      {"my page https://example.org/~jsmith", "my page [URL]", kUrl, 1},
      {"https://site.example/users/jo", "[URL]", kUrl, 1},
      {"<https://www.instagram.com/someone>", "<[URL]>", kUrl, 1},
      {"follow me at https://twitter.com/herts_dave.", "follow me at [URL].",
       kUrl, 1},
  };
  for (const Positive& c : cases) {
    SCOPED_TRACE(c.input);
    RedactionCounts counts;
    EXPECT_EQ(redactor_->Redact(c.input, &counts), c.want);
    RedactionCounts want;
    want.by_kind[static_cast<int>(c.kind)] = c.count;
    EXPECT_EQ(counts.by_kind, want.by_kind);
  }
}

TEST_F(RedactorTest, LeavesOrdinaryTextAlone) {
  const char* const cases[] = {
      "In 2019 we said 2030, now 2050.",
      "A budget of \xC2\xA3"
      "2.5m, \xC2\xA3"
      "20,000,000 or \xC2\xA3"
      "1,250.",
      "Up 45% (from 12.5%) since 1990-2000",
      "HCC Policy 12/345 and Bill 123",
      "The A414 and the A1(M) near junction 4",
      "M25 4th lane closures",
      "the 2nd floor and the 3rd and 21st",
      "M1 1st junction",
      "https://www.hertfordshirelep.co.uk/strategy",
      "https://www.gov.uk/government/publications/industrial-strategy",
      "https://www.hertfordshire.gov.uk/services/recycling-waste",
      "Dated 04/03/2019 at 14:22, also 4.3.2019 and 2019-03-04",
      "COVID-19 and covid19",
      "order number 012345678901234",
      "ref 01234567890123456789",
      "co2 emissions, CO2e",
      "ISO 9001 and ISO 14001",
      "from 1st April",
      "R&D 2.0 version 3.11.4",
      "Call centre hours 0900-1730",
      "Reference AB12 for item 3",
      "Cars per 1000 people: 512",
      "email us via the website",
      "@herts_council on social media",
      "code at https://github.com/hertfordshire-lep/data",
      "Transparency register 01234567890-30 and 012345678-12",
      "build user/release-keys/SDK27/REL/SM8 1AB_bsp_fwv",
      "serial 07700900123/7 and ref=AL1 3JX",
  };
  for (const char* text : cases) {
    RedactionCounts counts;
    EXPECT_EQ(redactor_->Redact(text, &counts), text);
    EXPECT_EQ(counts.total(), 0) << text;
  }
}

TEST_F(RedactorTest, MixedKindsCountedSeparately) {
  RedactionCounts counts;
  std::string out = redactor_->Redact(
      "Jo (jo@example.com, 07700 900123) of AL1 3JX, NI QQ123456C, "
      "https://twitter.com/jo and jo2@example.com",
      &counts);
  EXPECT_EQ(out,
            "Jo ([EMAIL], [PHONE]) of [POSTCODE], NI [NINO], [URL] and "
            "[EMAIL]");
  EXPECT_EQ(counts.by_kind[static_cast<int>(kEmail)], 2);
  EXPECT_EQ(counts.by_kind[static_cast<int>(kPhone)], 1);
  EXPECT_EQ(counts.by_kind[static_cast<int>(kPostcode)], 1);
  EXPECT_EQ(counts.by_kind[static_cast<int>(kNino)], 1);
  EXPECT_EQ(counts.by_kind[static_cast<int>(kUrl)], 1);
  EXPECT_EQ(counts.total(), 6);

  RedactionCounts more;
  more.by_kind[static_cast<int>(kEmail)] = 3;
  counts += more;
  EXPECT_EQ(counts.by_kind[static_cast<int>(kEmail)], 5);
  EXPECT_EQ(counts.total(), 9);
}

TEST_F(RedactorTest, NullCountsAndEmptyText) {
  EXPECT_EQ(redactor_->Redact("AL1 3JX", nullptr), "[POSTCODE]");
  EXPECT_EQ(redactor_->Redact("", nullptr), "");
  RedactionCounts counts;
  EXPECT_EQ(redactor_->Redact("caf\xC3\xA9 AL1 3JX \xE2\x80\x94 ok", &counts),
            "caf\xC3\xA9 [POSTCODE] \xE2\x80\x94 ok");
  EXPECT_EQ(counts.total(), 1);
}

TEST(PiiKindTest, NamesAndPlaceholders) {
  const struct {
    PiiKind kind;
    const char* name;
    const char* placeholder;
  } cases[] = {
      {kEmail, "email", "[EMAIL]"},
      {kUrl, "url", "[URL]"},
      {kNino, "nino", "[NINO]"},
      {kPhone, "phone", "[PHONE]"},
      {kPostcode, "postcode", "[POSTCODE]"},
  };
  for (const auto& c : cases) {
    EXPECT_STREQ(PiiKindName(c.kind), c.name);
    EXPECT_STREQ(PiiPlaceholder(c.kind), c.placeholder);
  }
}

}  // namespace
}  // namespace sift::ingest
