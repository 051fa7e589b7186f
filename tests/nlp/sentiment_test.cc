// The sentiment rule layer on a small fixture lexicon (no download) and the
// phrase table's consultation phrases on the real VADER lexicon. The
// combiner, the head file and training: sentiment_model_test.cc.
#include "sift/nlp/sentiment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "sentiment_fixture.h"
#include "sift/nlp/sentiment_lexicon.h"
#include "test_util.h"

namespace sift::nlp {
namespace {

using testing::TempDir;
using testing::WriteFile;

SentimentLexicon FixtureLexicon(const TempDir& dir) {
  std::string path = WriteFile(dir.file("lexicon.txt"), kFixtureLexicon);
  auto lexicon = SentimentLexicon::LoadVader(path);
  EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Status s = lexicon->AddPhrases("no objection\t1.6\nfails to address\t-2\n",
                                 "phrases");
  EXPECT_TRUE(s.ok()) << s.ToString();
  return std::move(lexicon).value();
}

struct RuleCase {
  const char* text;
  int sign;  // expected sign of the compound: -1, 0, +1
};

TEST(LexiconScorerTest, RulesTable) {
  TempDir dir;
  SentimentLexicon lexicon = FixtureLexicon(dir);
  LexiconScorer scorer(&lexicon);
  const RuleCase cases[] = {
      {"The plan is good.", 1},
      {"The plan is not good.", -1},
      {"The plan isn't good.", -1},
      {"The plan isn\xE2\x80\x99t good.", -1},  // curly apostrophe
      {"The plan is never really good.", -1},
      {"We have no objection to the scheme.", 1},
      {"The strategy fails to address housing.", -1},
      {"The plan is bad.", -1},
      {"The roads are not bad at all.", 1},
      {"It fails to support small firms.", -1},
      {"Nothing to say about the plan.", 0},
      {"", 0},
      {"Great :)", 1},
  };
  for (const RuleCase& c : cases) {
    LexiconScore score = scorer.Score(c.text);
    int sign = score.compound > 0.05 ? 1 : score.compound < -0.05 ? -1 : 0;
    EXPECT_EQ(sign, c.sign) << c.text << " -> " << score.compound;
  }
}

TEST(LexiconScorerTest, ModifiersScaleValence) {
  TempDir dir;
  SentimentLexicon lexicon = FixtureLexicon(dir);
  LexiconScorer scorer(&lexicon);
  double good = scorer.Score("the plan is good").compound;
  EXPECT_GT(scorer.Score("the plan is very good").compound, good);
  EXPECT_LT(scorer.Score("the plan is slightly good").compound, good);
  EXPECT_GT(scorer.Score("the plan is GOOD").compound, good);
  EXPECT_GT(scorer.Score("the plan is good!!").compound, good);
  // "but" shifts the weight to what follows.
  EXPECT_GT(scorer.Score("the rail is bad but the buses are good").compound, 0);
  EXPECT_LT(scorer.Score("the rail is good but the buses are bad").compound, 0);
}

TEST(SentimentLexiconTest, MalformedTablesNameFileAndLine) {
  TempDir dir;
  std::string bad = WriteFile(dir.file("bad.txt"), "good\t1.9\nbad\tx\n");
  auto lexicon = SentimentLexicon::LoadVader(bad);
  ASSERT_FALSE(lexicon.ok());
  EXPECT_NE(lexicon.status().message().find("bad.txt:2"), std::string::npos)
      << lexicon.status().message();
  EXPECT_EQ(
      SentimentLexicon::LoadVader(dir.file("missing.txt")).status().code(),
      Status::Code::kNotFound);
  SentimentLexicon fixture = FixtureLexicon(dir);
  for (const char* table :
       {"no tab here\n", "phrase\t9\n", "phrase\tabc\n", "\t1.0\n"}) {
    Status s = fixture.AddPhrases(std::string("# comment\n") + table, "t.tsv");
    EXPECT_FALSE(s.ok()) << table;
    EXPECT_NE(s.message().find("t.tsv:2"), std::string::npos) << s.message();
  }
}

TEST(SentimentLexiconTest, FingerprintFollowsContent) {
  TempDir dir;
  SentimentLexicon a = FixtureLexicon(dir);
  SentimentLexicon b = FixtureLexicon(dir);
  EXPECT_EQ(a.fingerprint(), b.fingerprint());
  ASSERT_TRUE(b.AddPhrases("long overdue\t-1\n", "x").ok());
  EXPECT_NE(a.fingerprint(), b.fingerprint());
}

// The phrase table with the real VADER lexicon: consultation prose must
// come out right. Skips when scripts/fetch-lexicon.sh has not run.
std::string RealLexiconPath() {
  return testing::DataDir() + "/vader_lexicon.txt";
}

TEST(ConsultationPhrasesTest, ComeOutRight) {
  if (!std::filesystem::exists(RealLexiconPath())) {
    GTEST_SKIP() << "no " << RealLexiconPath()
                 << " (run scripts/fetch-lexicon.sh)";
  }
  auto lexicon = SentimentLexicon::LoadVader(RealLexiconPath());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  ASSERT_TRUE(
      lexicon->AddPhraseFile(SIFT_SOURCE_DIR "/models/sentiment_phrases.tsv")
          .ok());
  LexiconScorer scorer(&*lexicon);
  const RuleCase cases[] = {
      {"We have no objection to the proposed allocation.", 1},
      {"We would welcome a new science park near Stevenage.", 1},
      {"The council fully supports the ambition for full fibre.", 1},
      {"The draft fails to address the shortage of affordable homes.", -1},
      {"The 724 bus never comes and the trains are unreliable.", -1},
      {"Our high street is boarded up and neglected.", -1},
      {"Social care is at breaking point.", -1},
      {"The consultation is a tick box exercise.", -1},
      {"The A414 is gridlocked every morning.", -1},
      {"The strategy is not fit for purpose.", -1},
      {"The enterprise zone is working well.", 1},
      {"We are deeply concerned about the loss of green belt.", -1},
      {"Please extend the busway to Hemel Hempstead.", 1},
  };
  for (const RuleCase& c : cases) {
    double compound = scorer.Score(c.text).compound;
    int sign = compound > 0.05 ? 1 : compound < -0.05 ? -1 : 0;
    EXPECT_EQ(sign, c.sign) << c.text << " -> " << compound;
  }
}

TEST(PolarityTest, NamesRoundTrip) {
  for (Polarity p :
       {Polarity::kNegative, Polarity::kNeutral, Polarity::kPositive}) {
    EXPECT_EQ(ParsePolarity(PolarityName(p)), p);
  }
  EXPECT_FALSE(ParsePolarity("Positive").has_value());
}

TEST(PolarityTest, ScoresAreClassedByTheThresholdsInclusive) {
  struct Case {
    double score;
    Polarity expected;
  };
  // Thresholds -0.2 and 0.3: each is the first score of its class.
  const Case cases[] = {
      {-1.0, Polarity::kNegative},   {-0.2, Polarity::kNegative},
      {-0.1999, Polarity::kNeutral}, {0.0, Polarity::kNeutral},
      {0.2999, Polarity::kNeutral},  {0.3, Polarity::kPositive},
      {1.0, Polarity::kPositive},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PolarityOfScore(c.score, -0.2, 0.3), c.expected) << c.score;
  }
}

TEST(PolarityTest, SentencesTakenTogetherTakeTheirPluralityClass) {
  using P = Polarity;
  struct Case {
    std::vector<P> classes;
    double mean;
    P expected;
  };
  // Thresholds -0.2 and 0.3; the mean decides only ties.
  const Case cases[] = {
      {{P::kNegative}, 0.9, P::kNegative},  // one sentence: its own class
      {{P::kPositive, P::kPositive, P::kNegative}, -0.5, P::kPositive},
      {{P::kNeutral, P::kNeutral, P::kPositive}, 0.8, P::kNeutral},
      {{P::kPositive, P::kNegative}, -0.25, P::kNegative},  // tie
      {{P::kPositive, P::kNegative}, 0.0, P::kNeutral},     // tie
      {{P::kPositive, P::kNeutral}, 0.35, P::kPositive},    // tie
      {{P::kNegative, P::kNeutral, P::kPositive}, 0.1, P::kNeutral},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PluralityPolarity(c.classes, c.mean, -0.2, 0.3), c.expected)
        << c.classes.size() << " sentences, mean " << c.mean;
  }
}

TEST(EvaluationHelpersTest, ReliabilityBinsAndCalibrationError) {
  // Four texts at 0.95 (three right), two at 0.55 (one right), one at
  // exactly 1.0 (right: the last bin includes 1).
  const std::vector<double> confidence = {0.95, 0.95, 0.95, 0.95,
                                          0.55, 0.55, 1.0};
  const std::vector<bool> right = {true, true, true, false, true, false, true};
  const auto bins = Reliability(confidence, right, 10);
  ASSERT_EQ(bins.size(), 10u);
  EXPECT_DOUBLE_EQ(bins[5].low, 0.5);
  EXPECT_DOUBLE_EQ(bins[5].high, 0.6);
  EXPECT_EQ(bins[5].texts, 2);
  EXPECT_DOUBLE_EQ(bins[5].confidence, 0.55);
  EXPECT_DOUBLE_EQ(bins[5].accuracy, 0.5);
  EXPECT_EQ(bins[9].texts, 5);
  EXPECT_NEAR(bins[9].confidence, (4 * 0.95 + 1.0) / 5, 1e-12);
  EXPECT_DOUBLE_EQ(bins[9].accuracy, 0.8);
  // |0.55 - 0.5| * 2/7 + |0.96 - 0.8| * 5/7
  EXPECT_NEAR(CalibrationError(bins), (0.05 * 2 + 0.16 * 5) / 7, 1e-12);
  // Perfectly calibrated, and empty.
  EXPECT_NEAR(CalibrationError(Reliability({0.5, 0.5}, {true, false}, 10)), 0,
              1e-12);
  EXPECT_EQ(CalibrationError(Reliability({}, {}, 10)), 0);
}

TEST(EvaluationHelpersTest, PearsonAndMacroF1) {
  EXPECT_NEAR(PearsonR({1, 2, 3}, {2, 4, 6}), 1.0, 1e-12);
  EXPECT_NEAR(PearsonR({1, 2, 3}, {3, 2, 1}), -1.0, 1e-12);
  EXPECT_EQ(PearsonR({1, 1, 1}, {1, 2, 3}), 0.0);
  using P = Polarity;
  EXPECT_DOUBLE_EQ(PolarityMacroF1({P::kNegative, P::kPositive},
                                   {P::kNegative, P::kPositive}),
                   1.0);
  // negative: F1 1; positive: tp 0 fp 0 fn 1 -> 0; neutral: fp 1 -> 0.
  EXPECT_NEAR(PolarityMacroF1({P::kNegative, P::kPositive},
                              {P::kNegative, P::kNeutral}),
              1.0 / 3, 1e-12);
}

}  // namespace
}  // namespace sift::nlp
