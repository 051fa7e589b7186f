// The sentiment rule layer on a small fixture lexicon (no download), the
// phrase table's consultation phrases on the real VADER lexicon, and the
// trained model's file checks.
#include "sift/nlp/sentiment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "sentiment_features.h"
#include "sentiment_head.h"
#include "sentiment_pipeline.h"
#include "sift/nlp/sentiment_lexicon.h"
#include "sift/nlp/word_vectors.h"
#include "test_util.h"

namespace sift::nlp {
namespace {

using testing::TempDir;
using testing::WriteFile;

constexpr char kFixtureLexicon[] =
    "good\t1.9\t0.9\t[2, 2]\n"
    "bad\t-2.5\t0.7\t[-2, -3]\n"
    "great\t3.1\t0.5\t[3, 3]\n"
    "support\t1.7\t0.6\t[2, 1]\n"
    "no\t-1.2\t0.4\t[-1, -1]\n"
    ":)\t2.0\t0.6\t[2, 2]\n";

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

// The combiner and the head file (internal parts, tested directly).
namespace sift::nlp {
namespace {

TEST(SentimentCombinerTest, LearnsASeparableRuleAndGivesProbabilities) {
  // Class = sign of the head score, with a neutral band: the combiner must
  // learn it from the first input alone.
  std::vector<CombinerInput> x;
  std::vector<int> y;
  for (int i = -20; i <= 20; ++i) {
    const double h = i / 20.0;
    x.push_back({h, 0, h, h, 0.33, 0.33, 0.33, 1});
    y.push_back(h < -0.3 ? 0 : h > 0.3 ? 2 : 1);
  }
  SentimentHead head;
  FitCombiner(x, y, 0.1, &head.combiner);
  ASSERT_EQ(head.combiner.size(), 24u);
  int correct = 0;
  for (std::size_t r = 0; r < x.size(); ++r) {
    auto p = CombinerProbabilities(head, x[r]);
    EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-9);
    correct += (std::max_element(p.begin(), p.end()) - p.begin()) == y[r];
  }
  EXPECT_GE(correct, 35) << "of 41";
  // Deterministic: the same data gives the same weights.
  SentimentHead again;
  FitCombiner(x, y, 0.1, &again.combiner);
  EXPECT_EQ(head.combiner, again.combiner);
}

TEST(SentimentCombinerTest, ClassBiasMovesTheChoice) {
  SentimentHead head;
  const std::array<double, 3> p{0.45, 0.40, 0.15};
  EXPECT_EQ(ChooseClass(head, p), 0);  // no bias: the most probable
  head.class_bias = {0, 0.2, 0};       // log(0.40) + 0.2 > log(0.45)
  EXPECT_EQ(ChooseClass(head, p), 1);
  head.class_bias = {0, 0.05, 0};  // not enough
  EXPECT_EQ(ChooseClass(head, p), 0);
}

TEST(SentimentHeadFileTest, RoundTripsAndRefusesDamage) {
  testing::TempDir dir;
  SentimentHead head;
  head.mean = {0.1, 0.2};
  head.scale = {1, 2};
  head.weights = {0.5, -0.25};
  head.network = "sentiment_network";
  head.combiner.assign(24, 0.125);
  head.score_rule = "expected";
  head.class_bias = {0, 0.25, -0.5};
  const std::string path = dir.file("sentiment.json");
  ASSERT_TRUE(WriteSentimentHead(head, path).ok());
  auto read = ReadSentimentHead(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->combiner, head.combiner);
  EXPECT_EQ(read->score_rule, "expected");
  EXPECT_EQ(read->network, "sentiment_network");
  EXPECT_EQ(read->class_bias, head.class_bias);
  std::string text = testing::ReadFile(path);
  text.replace(text.find("0.125"), 5, "0.126");
  testing::WriteFile(path, text);
  auto damaged = ReadSentimentHead(path);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), Status::Code::kCorruption);
  EXPECT_NE(damaged.status().message().find("checksum"), std::string::npos);
}

TEST(SentimentGateTest, MixesTheTwoCombinersByDomain) {
  SentimentHead head;
  head.mean = {0, 0};
  head.scale = {1, 1};
  head.weights = {0, 0};
  EXPECT_EQ(head.Domain({3, 4}), 1.0);  // no gate: always a response
  head.domain_weights = {2, 0};
  head.domain_bias = -1;
  EXPECT_NEAR(head.Domain({1, 9}), 1 / (1 + std::exp(-1.0)), 1e-12);
  // The response combiner says negative, the general one positive.
  head.combiner.assign(kCombinerInputs * 3, 0.0);
  head.general_combiner.assign(kCombinerInputs * 3, 0.0);
  head.combiner[7 * 3 + 0] = 2;
  head.general_combiner[7 * 3 + 2] = 2;
  const CombinerInput x{0, 0, 0, 0, 0, 0, 0, 1};
  const auto response = Softmax(head.combiner, x);
  const auto general = Softmax(head.general_combiner, x);
  const auto p1 = CombinerProbabilities(head, x, 1.0);
  const auto p0 = CombinerProbabilities(head, x, 0.0);
  const auto half = CombinerProbabilities(head, x, 0.5);
  for (int c = 0; c < 3; ++c) {
    EXPECT_NEAR(p1[c], response[c], 1e-12);
    EXPECT_NEAR(p0[c], general[c], 1e-12);
    EXPECT_NEAR(half[c], 0.5 * (response[c] + general[c]), 1e-12);
  }
  EXPECT_EQ(ChooseClass(head, p1, 1.0), 0);
  EXPECT_EQ(ChooseClass(head, p0, 0.0), 2);
  // Class biases mix by domain as well.
  const std::array<double, 3> even{0.4, 0.3, 0.3};
  head.general_class_bias = {0, 0.5, 0};
  EXPECT_EQ(ChooseClass(head, even, 1.0), 0);
  EXPECT_EQ(ChooseClass(head, even, 0.0), 1);
}

TEST(SentimentGateTest, HeadFileKeepsTheGateAndChecksItsSize) {
  TempDir dir;
  SentimentHead head;
  head.mean = {0.1, 0.2};
  head.scale = {1, 2};
  head.weights = {0.5, -0.25};
  head.combiner.assign(24, 0.125);
  head.domain_weights = {1.5, -2};
  head.domain_bias = 0.75;
  head.general_combiner.assign(24, -0.5);
  head.general_class_bias = {0, -0.15, 0.1};
  const std::string path = dir.file("sentiment.json");
  ASSERT_TRUE(WriteSentimentHead(head, path).ok());
  auto read = ReadSentimentHead(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->domain_weights, head.domain_weights);
  EXPECT_EQ(read->domain_bias, head.domain_bias);
  EXPECT_EQ(read->general_combiner, head.general_combiner);
  EXPECT_EQ(read->general_class_bias, head.general_class_bias);
  head.domain_weights = {1.5};  // one weight for two features
  ASSERT_TRUE(WriteSentimentHead(head, path).ok());
  auto bad = ReadSentimentHead(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("domain gate"), std::string::npos)
      << bad.status().message();
}

// Fixture data for TrainSentiment (tiny vectors by the real converter, the
// fixture lexicon): responses talk of roads and buses, general texts of
// rivers and bridges, each good, bad or neutral.
struct TrainingFixture {
  std::string vectors, lexicon, phrases;
  std::vector<SentimentExample> train, dev;
};

TrainingFixture MakeTrainingFixture(const TempDir& dir) {
  TrainingFixture f;
  f.vectors = dir.file("tiny.siftvec");
  EXPECT_TRUE(ConvertWinkEmbeddings(SIFT_SOURCE_DIR
                                    "/tests/fixtures/wink_tiny.json",
                                    f.vectors, {})
                  .ok());
  f.lexicon = WriteFile(dir.file("lexicon.txt"), kFixtureLexicon);
  f.phrases = WriteFile(dir.file("phrases.tsv"), "");
  auto examples = [](bool general, int copies) {
    const char* topic =
        general ? "river bridge village walk" : "road bus town school";
    const struct {
      const char* word;
      Polarity polarity;
      double score;
    } kinds[] = {{"good", Polarity::kPositive, 0.6},
                 {"bad", Polarity::kNegative, -0.6},
                 {"2020", Polarity::kNeutral, 0.0}};
    std::vector<SentimentExample> out;
    for (int i = 0; i < copies; ++i) {
      for (const auto& k : kinds) {
        std::string text =
            std::string(topic) + " " + k.word + " " + std::to_string(i);
        out.push_back({text, text, k.score, k.polarity, general});
      }
    }
    return out;
  };
  f.train = examples(false, 20);
  f.dev = examples(false, 10);
  for (const auto& e : examples(true, 20)) f.train.push_back(e);
  for (const auto& e : examples(true, 10)) f.dev.push_back(e);
  return f;
}

// The gate must learn which texts are responses while every layer trains
// on both.
TEST(SentimentGateTest, TrainingLearnsTheGateFromGeneralExamples) {
  TempDir dir;
  const TrainingFixture f = MakeTrainingFixture(dir);
  const auto& [vectors, lexicon, phrases, train, dev] = f;
  const SentimentPaths paths{dir.file("model"), lexicon, vectors};
  auto report = TrainSentiment(train, dev, paths, phrases);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->general_dev_examples, 30);
  auto head = ReadSentimentHead(paths.model_dir + "/sentiment.json");
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  ASSERT_EQ(head->domain_weights.size(), head->weights.size());
  EXPECT_EQ(head->general_combiner.size(), head->combiner.size());
  auto table = WordVectors::Load(vectors);
  auto rules = SentimentLexicon::LoadVader(lexicon);
  ASSERT_TRUE(table.ok() && rules.ok());
  auto featurizer = SentimentFeaturizer::Create(&*rules, &*table);
  ASSERT_TRUE(featurizer.ok()) << featurizer.status().ToString();
  auto domain = [&](std::string_view text) {
    std::vector<double> features;
    featurizer->Extract(text, {{0, text.size()}}, &features);
    return head->Domain(features);
  };
  EXPECT_GT(domain("the bus to school along the road"), 0.5);
  EXPECT_LT(domain("a walk by the river to the village bridge"), 0.5);
  auto model = SentimentModel::Load(paths);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto response = model->Analyze("road bus town school bad");
  auto general = model->Analyze("river bridge village walk good");
  ASSERT_TRUE(response.ok() && general.ok());
  EXPECT_EQ(response->polarity, Polarity::kNegative);
  EXPECT_EQ(general->polarity, Polarity::kPositive);
}

// The seed reaches the sentiment network: the same seed gives the same
// bytes, another seed another network.
TEST(SentimentTrainingTest, SeedDecidesTheNetwork) {
  TempDir dir;
  const TrainingFixture f = MakeTrainingFixture(dir);
  auto network_bytes = [&](const std::string& name, std::uint64_t seed) {
    SentimentTrainOptions options;
    options.seed = seed;
    const SentimentPaths paths{dir.file(name), f.lexicon, f.vectors};
    auto report = TrainSentiment(f.train, f.dev, paths, f.phrases, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    std::ifstream in(paths.model_dir + "/sentiment_network/model.bin",
                     std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string first = network_bytes("a", 2019);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(network_bytes("b", 2019), first);
  EXPECT_NE(network_bytes("c", 7), first);
}

}  // namespace
}  // namespace sift::nlp
