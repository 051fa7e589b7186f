#include "sift/report/phrases.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace sift::report {
namespace {

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

PhraseSentence S(const std::string& text, std::uint64_t document) {
  return PhraseSentence{Words(text), document};
}

// A filler sentence of `n` words drawn from a neutral vocabulary.
std::string Filler(std::mt19937_64& rng, int n) {
  static const char* kVocab[] = {
      "council", "region", "people", "local", "business", "think",
      "support", "plan",   "area",   "work",  "growth",   "town",
      "county",  "need",   "time",   "good",  "better",   "priority"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (!out.empty()) out += ' ';
    out += kVocab[rng() % (sizeof(kVocab) / sizeof(kVocab[0]))];
  }
  return out;
}

std::vector<std::string> Texts(const std::vector<Phrase>& phrases) {
  std::vector<std::string> out;
  for (const Phrase& p : phrases) out.push_back(p.text);
  return out;
}

bool Has(const std::vector<Phrase>& phrases, const std::string& text) {
  for (const Phrase& p : phrases) {
    if (p.text == text) return true;
  }
  return false;
}

TEST(LogLikelihoodTest, MatchesHandWorkedTables) {
  // a=4 of c=20 target positions, b=0 of d=20 background positions.
  // Expected cells: 20*4/40 = 2, 2, 20*36/40 = 18, 18; so
  // G² = 2 (4 ln(4/2) + 16 ln(16/18) + 20 ln(20/18)) = 5.99054.
  EXPECT_NEAR(LogLikelihood(4, 0, 20, 20), 5.990541, 1e-5);
  // a=10 of 1000, b=10 of 10000: E = 1.8182, 18.182, 998.18, 9981.8;
  // 2 (17.0475 - 5.9784 - 8.1482 + 8.1852) = 22.2122.
  EXPECT_NEAR(LogLikelihood(10, 10, 1000, 10000), 22.212174, 1e-5);
  // Same rate on both sides: no evidence.
  EXPECT_NEAR(LogLikelihood(5, 50, 100, 1000), 0.0, 1e-9);
  // Symmetric in the two sides.
  EXPECT_NEAR(LogLikelihood(3, 9, 70, 400), LogLikelihood(9, 3, 400, 70), 1e-9);
}

TEST(PhraseTokensTest, StopwordsAndExcludedTokens) {
  for (const char* w : {"the", "to", "of", "and", "we", "very", "would"}) {
    EXPECT_TRUE(IsStopword(w)) << w;
  }
  for (const char* w : {"finance", "skills", "broadband", "access", ""}) {
    EXPECT_FALSE(IsStopword(w)) << w;
  }
  for (const char* w : {"[email]", "[EMAIL]", "[Phone]", "[postcode]", "[nino]",
                        "[url]", "2030", "1,500", "50%", "1.5", "24/7"}) {
    EXPECT_TRUE(IsExcludedToken(w)) << w;
  }
  for (const char* w : {"5g", "m62", "email", "[other]", "-", "skills"}) {
    EXPECT_FALSE(IsExcludedToken(w)) << w;
  }
}

TEST(DistinctivePhrasesTest, ScoreMatchesHandWorkedExample) {
  // Four target sentences of five tokens, each with "broadband" once (four
  // documents); four background sentences of five tokens without it. So
  // a=4, c=20, b=0, d=20: G² = 5.99054 as in the table above.
  std::vector<PhraseSentence> target = {
      S("alpha broadband beta gamma delta", 1),
      S("epsilon zeta broadband eta theta", 2),
      S("iota kappa lambda broadband mu", 3),
      S("nu xi omicron pi broadband", 4)};
  std::vector<PhraseSentence> background = {
      S("rho sigma tau upsilon phi", 5), S("chi psi omega aa bb", 6),
      S("cc dd ee ff gg", 7), S("hh ii jj kk ll", 8)};
  PhraseOptions options;
  options.min_score = 0;
  auto phrases = DistinctivePhrases(target, background, options);
  ASSERT_TRUE(phrases.ok()) << phrases.status().ToString();
  ASSERT_EQ(phrases->size(), 1u) << ::testing::PrintToString(Texts(*phrases));
  EXPECT_EQ((*phrases)[0].text, "broadband");
  EXPECT_NEAR((*phrases)[0].score, 5.990541, 1e-5);
  EXPECT_EQ((*phrases)[0].count, 4);
  EXPECT_EQ((*phrases)[0].documents, 4);
  EXPECT_EQ((*phrases)[0].background_count, 0);
}

// Target: 40 documents, 25 of them say "access to finance"; background: 400
// documents of which 4 say it. Filler words are common to both.
void PlantedCorpus(std::vector<PhraseSentence>* target,
                   std::vector<PhraseSentence>* background) {
  std::mt19937_64 rng(7);
  for (std::uint64_t d = 0; d < 40; ++d) {
    std::string text = Filler(rng, 6);
    if (d < 25) text.append(" access to finance ").append(Filler(rng, 3));
    target->push_back(S(text, d));
  }
  for (std::uint64_t d = 1000; d < 1400; ++d) {
    std::string text = Filler(rng, 9);
    if (d < 1004) text.append(" access to finance");
    background->push_back(S(text, d));
  }
}

TEST(DistinctivePhrasesTest, PlantedPhraseWinsAndSubsumesItsParts) {
  std::vector<PhraseSentence> target, background;
  PlantedCorpus(&target, &background);
  auto phrases = DistinctivePhrases(target, background, PhraseOptions());
  ASSERT_TRUE(phrases.ok());
  ASSERT_FALSE(phrases->empty());
  EXPECT_EQ((*phrases)[0].text, "access to finance")
      << ::testing::PrintToString(Texts(*phrases));
  EXPECT_EQ((*phrases)[0].count, 25);
  EXPECT_EQ((*phrases)[0].documents, 25);
  EXPECT_EQ((*phrases)[0].background_count, 4);
  // "access" and "finance" occur only inside the phrase: redundant.
  EXPECT_FALSE(Has(*phrases, "access"));
  EXPECT_FALSE(Has(*phrases, "finance"));
  // Filler words are equally common on both sides: not distinctive.
  EXPECT_FALSE(Has(*phrases, "council"));
}

TEST(DistinctivePhrasesTest, StopwordEdgesPlaceholdersAndNumbersNeverAppear) {
  std::vector<PhraseSentence> target, background;
  for (std::uint64_t d = 0; d < 30; ++d) {
    target.push_back(
        S("the skills gap [EMAIL] [postcode] 2030 lack of funding the", d));
    background.push_back(S("roads and rail matter here", 100 + d));
  }
  PhraseOptions options;
  options.max_phrases = 0;
  auto phrases = DistinctivePhrases(target, background, options);
  ASSERT_TRUE(phrases.ok());
  EXPECT_TRUE(Has(*phrases, "skills gap"))
      << ::testing::PrintToString(Texts(*phrases));
  for (const Phrase& p : *phrases) {
    std::vector<std::string> words = Words(p.text);
    EXPECT_FALSE(IsStopword(words.front())) << p.text;
    EXPECT_FALSE(IsStopword(words.back())) << p.text;
    for (const std::string& w : words) {
      EXPECT_FALSE(IsExcludedToken(w)) << p.text;
    }
    EXPECT_EQ(p.words, static_cast<int>(words.size()));
  }
  // A stopword inside is allowed.
  EXPECT_TRUE(Has(*phrases, "lack of funding"))
      << ::testing::PrintToString(Texts(*phrases));
}

TEST(DistinctivePhrasesTest, BoilerplateInOneDocumentDoesNotWin) {
  std::vector<PhraseSentence> target, background;
  std::mt19937_64 rng(11);
  for (int i = 0; i < 60; ++i) {
    target.push_back(S("levelling up fund allocation", 1));  // one document
  }
  for (std::uint64_t d = 2; d < 10; ++d) {
    target.push_back(S(Filler(rng, 5).append(" bus services"), d));
  }
  for (std::uint64_t d = 100; d < 300; ++d) {
    background.push_back(S(Filler(rng, 8), d));
  }
  auto phrases = DistinctivePhrases(target, background, PhraseOptions());
  ASSERT_TRUE(phrases.ok());
  ASSERT_FALSE(phrases->empty());
  EXPECT_EQ((*phrases)[0].text, "bus services")
      << ::testing::PrintToString(Texts(*phrases));
  EXPECT_FALSE(Has(*phrases, "levelling up fund"));
  // The document threshold alone keeps it out, cap or no cap.
  PhraseOptions uncapped;
  uncapped.max_per_document = 0;
  uncapped.min_score = 0;
  phrases = DistinctivePhrases(target, background, uncapped);
  ASSERT_TRUE(phrases.ok());
  EXPECT_FALSE(Has(*phrases, "levelling up fund"));
  EXPECT_FALSE(Has(*phrases, "levelling"));
  // Even allowed in by a document threshold of one, the per-document cap
  // keeps it from outranking what eight respondents said.
  PhraseOptions lax;
  lax.min_documents = 1;
  lax.min_score = 0;
  phrases = DistinctivePhrases(target, background, lax);
  ASSERT_TRUE(phrases.ok());
  ASSERT_FALSE(phrases->empty());
  EXPECT_EQ((*phrases)[0].text, "bus services")
      << ::testing::PrintToString(Texts(*phrases));
  // Without the cap the boilerplate would win: the test can tell.
  lax.max_per_document = 0;
  phrases = DistinctivePhrases(target, background, lax);
  ASSERT_TRUE(phrases.ok());
  ASSERT_FALSE(phrases->empty());
  EXPECT_NE((*phrases)[0].text, "bus services");
}

TEST(DistinctivePhrasesTest, ContainedPhraseWithNearlySameCountIsDropped) {
  std::vector<PhraseSentence> target, background;
  std::mt19937_64 rng(3);
  for (std::uint64_t d = 0; d < 12; ++d) {
    target.push_back(S(Filler(rng, 4).append(" full fibre broadband"), d));
  }
  // "broadband" alone is said by twelve more: it is kept on its own.
  for (std::uint64_t d = 12; d < 24; ++d) {
    target.push_back(S(Filler(rng, 4).append(" broadband"), d));
  }
  for (std::uint64_t d = 100; d < 400; ++d) {
    background.push_back(S(Filler(rng, 6), d));
  }
  PhraseOptions options;
  options.max_phrases = 0;
  auto phrases = DistinctivePhrases(target, background, options);
  ASSERT_TRUE(phrases.ok());
  std::vector<std::string> texts = Texts(*phrases);
  EXPECT_TRUE(Has(*phrases, "full fibre broadband"))
      << ::testing::PrintToString(texts);
  EXPECT_TRUE(Has(*phrases, "broadband")) << ::testing::PrintToString(texts);
  for (const char* redundant :
       {"full fibre", "fibre broadband", "fibre", "full"}) {
    EXPECT_FALSE(Has(*phrases, redundant))
        << redundant << " in " << ::testing::PrintToString(texts);
  }
}

TEST(DistinctivePhrasesTest, UnderRepresentedPhrasesAreNotDistinctive) {
  // "roads" is in 10 of 40 target sentences but in every background one: a
  // large G², in the wrong direction.
  std::vector<PhraseSentence> target, background;
  std::mt19937_64 rng(5);
  for (std::uint64_t d = 0; d < 40; ++d) {
    std::string text = d < 10 ? "roads " : "";
    text.append(Filler(rng, 5)).append(" skills bootcamps");
    target.push_back(S(text, d));
  }
  for (std::uint64_t d = 100; d < 300; ++d) {
    background.push_back(S(Filler(rng, 5).append(" roads"), d));
  }
  PhraseOptions options;
  options.min_score = 0;
  options.max_phrases = 0;
  auto phrases = DistinctivePhrases(target, background, options);
  ASSERT_TRUE(phrases.ok());
  EXPECT_TRUE(Has(*phrases, "skills bootcamps"));
  for (const Phrase& p : *phrases) {
    EXPECT_EQ(p.text.find("roads"), std::string::npos) << p.text;
  }
  for (const Phrase& p : *phrases) EXPECT_GT(p.score, 0) << p.text;
}

TEST(DistinctivePhrasesTest, TiesBreakAlphabetically) {
  std::vector<PhraseSentence> target, background;
  for (std::uint64_t d = 0; d < 5; ++d) {
    target.push_back(S("zebra crossing", d));
    target.push_back(S("apple orchard", d));
  }
  for (std::uint64_t d = 100; d < 120; ++d) background.push_back(S("x y", d));
  PhraseOptions options;
  options.max_phrases = 0;
  options.min_score = 0;
  auto phrases = DistinctivePhrases(target, background, options);
  ASSERT_TRUE(phrases.ok());
  EXPECT_EQ(Texts(*phrases),
            (std::vector<std::string>{"apple orchard", "zebra crossing"}));
}

TEST(DistinctivePhrasesTest, EmptyInputsAndBadOptions) {
  auto none = DistinctivePhrases({}, {}, PhraseOptions());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  PhraseOptions bad;
  bad.max_words = 0;
  EXPECT_EQ(DistinctivePhrases({}, {}, bad).status().code(),
            Status::Code::kInvalidArgument);
  bad = PhraseOptions();
  bad.redundancy_ratio = 0;
  EXPECT_EQ(DistinctivePhrases({}, {}, bad).status().code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace sift::report
