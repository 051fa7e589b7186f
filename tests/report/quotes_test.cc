#include "sift/report/quotes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace sift::report {
namespace {

using Indices = std::vector<std::size_t>;

constexpr double kPi = 3.14159265358979323846;
constexpr char kSentence[] =
    "Small firms in the county need faster broadband.";  // 8 words

// Candidates on the unit circle (dim 2) at angles in degrees.
struct Fixture {
  std::vector<std::string> texts;
  std::vector<std::uint64_t> documents;
  std::vector<float> vectors;

  void Add(double degrees, std::uint64_t document,
           std::string text = kSentence) {
    texts.push_back(std::move(text));
    documents.push_back(document);
    vectors.push_back(static_cast<float>(std::cos(degrees * kPi / 180)));
    vectors.push_back(static_cast<float>(std::sin(degrees * kPi / 180)));
  }
  void AddZero(std::uint64_t document) {
    Add(0, document);
    vectors[vectors.size() - 2] = vectors[vectors.size() - 1] = 0;
  }
  Result<Indices> Select(const QuoteOptions& options,
                         std::vector<float> centroid = {}) const {
    std::vector<QuoteCandidate> candidates;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      candidates.push_back(QuoteCandidate{texts[i], documents[i]});
    }
    return SelectQuotes(candidates, vectors, 2, centroid, options);
  }
};

TEST(QuoteLengthTest, WordsAndCharacters) {
  EXPECT_EQ(QuoteWords(kSentence), 8);
  EXPECT_EQ(QuoteWords("Skills - and training & more"), 4);
  EXPECT_EQ(QuoteWords("  "), 0);
  EXPECT_EQ(QuoteWords("caf\xC3\xA9 culture"), 2);
  EXPECT_EQ(QuoteChars("caf\xC3\xA9"), 4);
  EXPECT_EQ(QuoteChars(""), 0);
}

TEST(SelectQuotesTest, PicksTheMostCentralFirst) {
  Fixture f;
  f.Add(0, 1);
  f.Add(80, 2);
  f.Add(35, 3);  // nearest the mean direction of 0, 80, 35 and 30
  f.Add(30, 4);
  QuoteOptions options;
  options.k = 1;
  auto chosen = f.Select(options);
  ASSERT_TRUE(chosen.ok()) << chosen.status().ToString();
  EXPECT_EQ(*chosen, Indices{2});
}

TEST(SelectQuotesTest, SecondPickPrefersDiversityOverNearDuplicate) {
  // Centroid at 0 degrees. First: 10 (most relevant). Then 30 (relevance
  // .866, cos .940 to the first) against -35 (relevance .819, cos .707):
  // MMR .7*.866-.3*.940 = .324 < .7*.819-.3*.707 = .361.
  Fixture f;
  f.Add(10, 1);
  f.Add(30, 2);
  f.Add(-35, 3);
  QuoteOptions options;
  options.k = 2;
  auto chosen = f.Select(options, {1, 0});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, (Indices{0, 2}));
  // Relevance alone would take the near duplicate: the test can tell.
  options.lambda = 1;
  chosen = f.Select(options, {1, 0});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, (Indices{0, 1}));
}

TEST(SelectQuotesTest, NearDuplicatesAreSkippedEvenOnRelevance) {
  Fixture f;
  f.Add(0, 1);
  f.Add(5, 2);  // cos .996 to the first
  f.Add(40, 3);
  QuoteOptions options;
  options.lambda = 1;
  auto chosen = f.Select(options, {1, 0});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, (Indices{0, 2}));
}

TEST(SelectQuotesTest, AtMostOneQuotePerDocument) {
  Fixture f;
  f.Add(0, 7);
  f.Add(30, 7);
  f.Add(60, 8);
  QuoteOptions options;
  options.lambda = 1;
  auto chosen = f.Select(options, {1, 0});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, (Indices{0, 2}));
}

TEST(SelectQuotesTest, LengthRules) {
  Fixture f;
  f.Add(0, 1, "Too short to quote.");
  f.Add(30, 2, std::string(kSentence).append(std::string(300, 'x')));
  f.Add(60, 3);
  QuoteOptions options;
  options.lambda = 1;
  auto chosen = f.Select(options, {1, 0});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, Indices{2});
  options.min_words = 0;
  options.max_chars = 0;
  chosen = f.Select(options, {1, 0});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, (Indices{0, 1, 2}));
}

TEST(SelectQuotesTest, ZeroVectorsGivenCentroidAndTies) {
  Fixture f;
  f.AddZero(1);
  f.Add(0, 2);
  f.Add(60, 3);
  f.Add(60, 4);  // identical to the previous: the lower index wins
  QuoteOptions options;
  auto chosen = f.Select(options, {0.5f, 0.8660254f});
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, (Indices{2, 1}));
  // Deterministic: the same call gives the same answer.
  EXPECT_EQ(f.Select(options, {0.5f, 0.8660254f}).value(), *chosen);
}

TEST(SelectQuotesTest, EmptyAndInvalid) {
  Fixture f;
  auto none = f.Select(QuoteOptions());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  f.Add(0, 1);
  f.vectors.push_back(0);  // one float too many
  EXPECT_EQ(f.Select(QuoteOptions()).status().code(),
            Status::Code::kInvalidArgument);
  f.vectors.pop_back();
  QuoteOptions bad;
  bad.lambda = 1.5;
  EXPECT_EQ(f.Select(bad).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(f.Select(QuoteOptions(), {1, 0, 0}).status().code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace sift::report
