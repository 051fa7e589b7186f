// Tests for ContentKey and DuplicateTracker.
#include "sift/ingest/dedup.h"

#include <gtest/gtest.h>

#include <string>

namespace sift::ingest {
namespace {

TEST(ContentKeyTest, StableValue) {
  // 128-bit FNV-1a of the case-folded UTF-8; computed once independently.
  // A change here changes every stored duplicate key.
  EXPECT_EQ(ContentKey("the consultation response"),
            "f15401059dc1894b94bc912eab457e30");
  // The empty text hashes to the FNV-1a offset basis.
  EXPECT_EQ(ContentKey(""), "6c62272e07bb014262b821756295c58d");
}

TEST(ContentKeyTest, ThirtyTwoLowerCaseHexDigits) {
  for (const char* text :
       {"", "a", "A much longer text \xE2\x80\x94 with UTF-8"}) {
    std::string key = ContentKey(text);
    ASSERT_EQ(key.size(), 32u) << text;
    EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos)
        << key;
  }
}

TEST(ContentKeyTest, CaseInsensitive) {
  EXPECT_EQ(ContentKey("The Consultation RESPONSE"),
            ContentKey("the consultation response"));
  EXPECT_EQ(ContentKey("\xC3\x89"
                       "COLE"),
            ContentKey("\xC3\xA9"
                       "cole"));
  EXPECT_EQ(ContentKey("STRASSE"), ContentKey("Stra\xC3\x9F"
                                              "e"));
}

TEST(ContentKeyTest, DiffersForDifferentText) {
  const char* const texts[] = {
      "the consultation response",  "the consultation response.",
      "the consultation  response", "the consultation respons",
      "consultation response the",  " the consultation response",
  };
  for (const char* a : texts) {
    for (const char* b : texts) {
      if (a == b) continue;
      EXPECT_NE(ContentKey(a), ContentKey(b)) << "'" << a << "' '" << b << "'";
    }
  }
}

TEST(DuplicateTrackerTest, FirstIdWins) {
  DuplicateTracker tracker;
  EXPECT_EQ(tracker.size(), 0u);
  EXPECT_EQ(tracker.Observe("k1", "r1", "r1"), "");
  EXPECT_EQ(tracker.Observe("k2", "r2", "r2"), "");
  EXPECT_EQ(tracker.size(), 2u);
  EXPECT_EQ(tracker.Observe("k1", "r3", "r3"), "r1");
  EXPECT_EQ(tracker.Observe("k1", "r4", "r4"),
            "r1");  // still the first, not r3
  EXPECT_EQ(tracker.Observe("k2", "r5", "r5"), "r2");
  EXPECT_EQ(tracker.size(), 2u);
}

TEST(DuplicateTrackerTest, SameIdAgainIsNotADuplicate) {
  DuplicateTracker tracker;
  EXPECT_EQ(tracker.Observe("k", "r1", "r1"), "");
  EXPECT_EQ(tracker.Observe("k", "r1", "r1"), "");
  EXPECT_EQ(tracker.Observe("k", "r2", "r2"), "r1");
  EXPECT_EQ(tracker.Observe("k", "r1", "r1"), "");
  EXPECT_EQ(tracker.size(), 1u);
}

TEST(DuplicateTrackerTest, WithContentKeys) {
  DuplicateTracker tracker;
  EXPECT_EQ(tracker.Observe(ContentKey("Build more homes"), "a:1", "a:1"), "");
  EXPECT_EQ(tracker.Observe(ContentKey("build MORE homes"), "a:2", "a:2"),
            "a:1");
  EXPECT_EQ(tracker.Observe(ContentKey("build fewer homes"), "a:3", "a:3"), "");
  EXPECT_EQ(tracker.size(), 2u);
}

TEST(DuplicateTrackerTest, SameRespondentRepeatingItselfIsNotADuplicate) {
  DuplicateTracker tracker;
  EXPECT_EQ(tracker.Observe("see above", "p1/q1", "p1"), "");
  EXPECT_EQ(tracker.Observe("see above", "p1/q2", "p1"), "");
  EXPECT_EQ(tracker.Observe("see above", "p2/q1", "p2"), "p1/q1");
}

}  // namespace
}  // namespace sift::ingest
