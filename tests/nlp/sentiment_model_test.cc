// The sentiment model's internal parts, tested directly: the combiner, the
// head file, the domain gate, and training (TrainSentiment on tiny
// fixtures).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "sentiment_features.h"
#include "sentiment_fixture.h"
#include "sentiment_head.h"
#include "sentiment_pipeline.h"
#include "sift/nlp/sentiment.h"
#include "sift/nlp/sentiment_lexicon.h"
#include "sift/nlp/word_vectors.h"
#include "test_util.h"

namespace sift::nlp {
namespace {

using testing::TempDir;
using testing::WriteFile;

TEST(SentimentCombinerTest, LearnsASeparableRuleAndGivesProbabilities) {
  // Class = sign of the head score, with a neutral band: the combiner must
  // learn it from the first input alone.
  std::vector<CombinerInput> x;
  std::vector<int> y;
  for (int i = -20; i <= 20; ++i) {
    const double h = i / 20.0;
    x.push_back({h, 0, h, h, 0.33, 0.33, 0.33, 1, 0.5, 0.5, 0.5});
    y.push_back(h < -0.3 ? 0 : h > 0.3 ? 2 : 1);
  }
  SentimentHead head;
  FitCombiner(x, y, 0.1, &head.combiner);
  ASSERT_EQ(head.combiner.size(), 33u);
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
  head.ngrams = "sentiment_ngrams.bin";
  head.combiner.assign(kCombinerInputs * 3, 0.125);
  head.score_rule = "expected";
  head.class_bias = {0, 0.25, -0.5};
  const std::string path = dir.file("sentiment.json");
  ASSERT_TRUE(WriteSentimentHead(head, path).ok());
  auto read = ReadSentimentHead(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->combiner, head.combiner);
  EXPECT_EQ(read->score_rule, "expected");
  EXPECT_EQ(read->network, "sentiment_network");
  EXPECT_EQ(read->ngrams, "sentiment_ngrams.bin");
  EXPECT_EQ(read->class_bias, head.class_bias);
  const std::string text = testing::ReadFile(path);
  std::string damaged_text = text;
  damaged_text.replace(damaged_text.find("0.125"), 5, "0.126");
  testing::WriteFile(path, damaged_text);
  auto damaged = ReadSentimentHead(path);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), Status::Code::kCorruption);
  EXPECT_NE(damaged.status().message().find("checksum"), std::string::npos);
  // A head of the previous format (no n-gram model, 8 combiner inputs).
  std::string old_text = text;
  old_text.replace(old_text.find("\"version\": 3"), 12, "\"version\": 2");
  testing::WriteFile(path, old_text);
  auto old = ReadSentimentHead(path);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find("retrain with sift train"),
            std::string::npos)
      << old.status().message();
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
  const CombinerInput x{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
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
  head.combiner.assign(kCombinerInputs * 3, 0.125);
  head.domain_weights = {1.5, -2};
  head.domain_bias = 0.75;
  head.general_combiner.assign(kCombinerInputs * 3, -0.5);
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
// rivers and bridges, each good, bad or neutral. General texts say good and
// bad with `general_words` (positive, negative).
struct TrainingFixture {
  std::string vectors, lexicon, phrases;
  std::vector<SentimentExample> train, dev;
};

struct PolarityWords {
  const char* positive = "good";
  const char* negative = "bad";
};

TrainingFixture MakeTrainingFixture(const TempDir& dir,
                                    PolarityWords general_words = {}) {
  TrainingFixture f;
  f.vectors = dir.file("tiny.siftvec");
  EXPECT_TRUE(ConvertWinkEmbeddings(SIFT_SOURCE_DIR
                                    "/tests/fixtures/wink_tiny.json",
                                    f.vectors, {})
                  .ok());
  f.lexicon = WriteFile(dir.file("lexicon.txt"), kFixtureLexicon);
  f.phrases = WriteFile(dir.file("phrases.tsv"), "");
  auto examples = [general_words](bool general, int copies) {
    const char* topic =
        general ? "river bridge village walk" : "road bus town school";
    const PolarityWords words = general ? general_words : PolarityWords{};
    const struct {
      const char* word;
      Polarity polarity;
      double score;
    } kinds[] = {{words.positive, Polarity::kPositive, 0.6},
                 {words.negative, Polarity::kNegative, -0.6},
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
  // Words the responses share with general text carry over to it.
  EXPECT_GT(report->general_dev_macro_f1, 0.9);
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

// The general combiner is fitted on general dev text as layers trained on
// the responses alone read it. Here general text says good and bad with
// words no response and no lexicon entry uses, so those layers cannot tell
// its polarity (layers that trained on general text would read it
// perfectly), and the probe's scratch directory is gone afterwards.
TEST(SentimentGateTest, GeneralCombinerIsFittedOutOfDomain) {
  TempDir dir;
  const TrainingFixture f = MakeTrainingFixture(dir, {"ace", "naff"});
  const SentimentPaths paths{dir.file("model"), f.lexicon, f.vectors};
  auto report = TrainSentiment(f.train, f.dev, paths, f.phrases);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->general_dev_examples, 30);
  EXPECT_LT(report->general_dev_macro_f1, 0.7);
  EXPECT_GT(report->dev_macro_f1, 0.9);
  EXPECT_FALSE(std::filesystem::exists(paths.model_dir + "/.sentiment_probe"));
  EXPECT_TRUE(std::filesystem::exists(paths.model_dir + "/sentiment_network"));
}

// Training writes the n-gram model beside the head, and a model directory
// without it is refused by name rather than judged without it.
TEST(SentimentTrainingTest, NgramModelIsWrittenAndRequired) {
  TempDir dir;
  const TrainingFixture f = MakeTrainingFixture(dir);
  const SentimentPaths paths{dir.file("model"), f.lexicon, f.vectors};
  ASSERT_TRUE(TrainSentiment(f.train, f.dev, paths, f.phrases).ok());
  auto head = ReadSentimentHead(paths.model_dir + "/sentiment.json");
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  ASSERT_EQ(head->ngrams, "sentiment_ngrams.bin");
  const std::string ngrams = paths.model_dir + "/sentiment_ngrams.bin";
  ASSERT_TRUE(std::filesystem::exists(ngrams));
  ASSERT_TRUE(SentimentModel::Load(paths).ok());
  std::filesystem::remove(ngrams);
  auto model = SentimentModel::Load(paths);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), Status::Code::kNotFound);
  EXPECT_NE(model.status().message().find(ngrams), std::string::npos);
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
