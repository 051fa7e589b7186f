// The n-gram model (nlp/src/ngram_model.h): its n-grams, what it learns
// from small tables of texts (single-label polarities, multi-label themes),
// determinism, and its file.
#include "ngram_model.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "byte_io.h"
#include "sift/nlp/sentiment.h"
#include "sift/nlp/tokenizer.h"
#include "test_util.h"

namespace sift::nlp {
namespace {

using testing::TempDir;

std::vector<std::string> Tokens(const std::string& text) {
  auto tokenizer = Tokenizer::Create();
  EXPECT_TRUE(tokenizer.ok());
  std::vector<std::string> tokens;
  tokenizer->Tokenize(text, &tokens);
  return tokens;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Each n-gram that matters is in at least two texts (min_count); "not
// welcome" is negative although "welcome" alone is positive.
struct Example {
  const char* text;
  Polarity polarity;
};
constexpr Example kTraining[] = {
    {"we welcome the new rail link", Polarity::kPositive},
    {"we welcome the skills plan", Polarity::kPositive},
    {"a brilliant plan for the towns", Polarity::kPositive},
    {"brilliant work on the rail link", Polarity::kPositive},
    {"the buses are a disgrace", Polarity::kNegative},
    {"the roads are a disgrace", Polarity::kNegative},
    {"the new homes are not welcome here", Polarity::kNegative},
    {"the plan is not welcome in our village", Polarity::kNegative},
    {"the council meets on tuesday", Polarity::kNeutral},
    {"the report covers the towns", Polarity::kNeutral},
    {"the council report covers rail", Polarity::kNeutral},
    {"it meets on tuesday", Polarity::kNeutral},
};

NgramModel TrainFixture(std::uint64_t seed = 2019) {
  std::vector<std::vector<std::string>> tokens;
  std::vector<std::vector<int>> gold;
  for (const Example& e : kTraining) {
    tokens.push_back(Tokens(e.text));
    gold.push_back({static_cast<int>(e.polarity)});
  }
  NgramModelOptions options;
  options.seed = seed;
  options.epochs = 30;
  auto model = NgramModel::Train(tokens, gold, 3, options);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return std::move(model).value();
}

int Best(const std::vector<double>& p) {
  return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

TEST(NgramModelTest, NgramsAreDistinctWordsAndPairsSorted) {
  EXPECT_EQ(NgramModel::Ngrams({"not", "good", "not", "good"}),
            (std::vector<std::string>{"good", "good not", "not", "not good"}));
  EXPECT_EQ(NgramModel::Ngrams({"one"}), std::vector<std::string>{"one"});
  EXPECT_TRUE(NgramModel::Ngrams({}).empty());
}

TEST(NgramModelTest, LearnsWordsAndNegatedPairs) {
  const NgramModel model = TrainFixture();
  struct Case {
    const char* text;
    Polarity expected;
  };
  const Case cases[] = {
      {"we welcome the rail link", Polarity::kPositive},
      {"a brilliant skills plan", Polarity::kPositive},
      {"our roads are a disgrace", Polarity::kNegative},
      {"this plan is not welcome", Polarity::kNegative},
      {"the council report on tuesday", Polarity::kNeutral},
  };
  for (const Case& c : cases) {
    const auto p = model.Probabilities(Tokens(c.text));
    EXPECT_EQ(Best(p), static_cast<int>(c.expected)) << c.text;
    for (double v : p) {
      EXPECT_GT(v, 0.0);
      EXPECT_LT(v, 1.0);
    }
  }
  // Singletons ("homes", "buses") are left out; shared words are kept.
  EXPECT_GT(model.size(), 10u);
  const auto unknown = model.Probabilities(Tokens("zebra xylophone"));
  const auto empty = model.Probabilities({});
  EXPECT_EQ(unknown, empty);  // no known n-gram: the biases alone
}

TEST(NgramModelTest, SameSeedSameFileOtherSeedOtherWeights) {
  TempDir dir;
  ASSERT_TRUE(TrainFixture(7).Write(dir.file("a.bin")).ok());
  ASSERT_TRUE(TrainFixture(7).Write(dir.file("b.bin")).ok());
  ASSERT_TRUE(TrainFixture(8).Write(dir.file("c.bin")).ok());
  EXPECT_EQ(ReadAll(dir.file("a.bin")), ReadAll(dir.file("b.bin")));
  EXPECT_NE(ReadAll(dir.file("a.bin")), ReadAll(dir.file("c.bin")));
}

TEST(NgramModelTest, RefusesLabelsOnAllOrNoTexts) {
  const std::vector<std::vector<std::string>> tokens{Tokens("good"),
                                                     Tokens("bad")};
  auto none = NgramModel::Train(tokens, {{2}, {0}}, 3, NgramModelOptions());
  ASSERT_FALSE(none.ok());  // label 1 on no text
  EXPECT_EQ(none.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(none.status().message().find("label 1"), std::string::npos);
  EXPECT_FALSE(
      NgramModel::Train(tokens, {{0}, {0}}, 1, NgramModelOptions()).ok());
  EXPECT_FALSE(
      NgramModel::Train(tokens, {{0}, {5}}, 2, NgramModelOptions()).ok());
  EXPECT_FALSE(NgramModel::Train({}, {}, 3, NgramModelOptions()).ok());
}

// Themes are multi-label: a text may carry several labels, or none.
TEST(NgramModelTest, LearnsSeveralLabelsPerText) {
  const std::vector<std::pair<const char*, std::vector<int>>> data{
      {"bus lanes and rail fares", {0}},
      {"rail fares keep rising", {0}},
      {"solar panels on schools", {1}},
      {"solar panels for farms", {1}},
      {"rail depots with solar panels", {0, 1}},
      {"electric buses and solar panels at the rail station", {0, 1}},
      {"the library opens late", {}},
      {"the library has a cafe", {}},
  };
  std::vector<std::vector<std::string>> tokens;
  std::vector<std::vector<int>> gold;
  for (const auto& [text, labels] : data) {
    tokens.push_back(Tokens(text));
    gold.push_back(labels);
  }
  NgramModelOptions options;
  options.epochs = 30;
  auto model = NgramModel::Train(tokens, gold, 2, options);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_EQ(model->labels(), 2);
  const auto both = model->Probabilities(Tokens("rail fares and solar panels"));
  EXPECT_GT(both[0], 0.5);
  EXPECT_GT(both[1], 0.5);
  const auto neither = model->Probabilities(Tokens("the library cafe"));
  EXPECT_LT(neither[0], 0.5);
  EXPECT_LT(neither[1], 0.5);
  std::vector<double> logits;
  model->Logits(Tokens("rail fares"), &logits);
  ASSERT_EQ(logits.size(), 2u);
  EXPECT_GT(logits[0], logits[1]);
}

TEST(NgramModelFileTest, RoundTripsExactly) {
  TempDir dir;
  const NgramModel model = TrainFixture();
  ASSERT_TRUE(model.Write(dir.file("m.bin")).ok());
  auto loaded = NgramModel::Load(dir.file("m.bin"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->size(), model.size());
  for (const Example& e : kTraining) {
    const auto tokens = Tokens(e.text);
    const auto a = model.Probabilities(tokens);
    const auto b = loaded->Probabilities(tokens);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(a[c], b[c], 1e-6) << e.text;
  }
}

TEST(NgramModelFileTest, DamagedFilesAreRefusedWithThePath) {
  TempDir dir;
  const std::string good = dir.file("m.bin");
  ASSERT_TRUE(TrainFixture().Write(good).ok());
  const std::string bytes = ReadAll(good);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x20;
  struct Case {
    const char* name;
    std::string bytes;
  };
  const Case cases[] = {
      {"flipped.bin", flipped},
      {"truncated.bin", bytes.substr(0, bytes.size() - 9)},
      {"empty.bin", ""},
      {"other.bin", "SIFTMDL" + std::string(40, '\0')},
  };
  for (const Case& c : cases) {
    const std::string path = testing::WriteFile(dir.file(c.name), c.bytes);
    auto loaded = NgramModel::Load(path);
    ASSERT_FALSE(loaded.ok()) << c.name;
    EXPECT_EQ(loaded.status().code(), Status::Code::kCorruption) << c.name;
    EXPECT_NE(loaded.status().message().find(path), std::string::npos);
  }
  auto missing = NgramModel::Load(dir.file("none.bin"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("sift train"), std::string::npos);
}

// A file whose checksum is right but whose n-grams repeat: refused, never
// read with one of the two silently shadowing the other.
TEST(NgramModelFileTest, RepeatedNgramsAreRefused) {
  TempDir dir;
  byte_io::Writer w;
  for (char c : std::string("SIFTNGRM")) w.Put(c);
  w.Put<std::uint32_t>(2);  // version
  w.Put<std::uint32_t>(1);  // labels
  w.Put<std::uint32_t>(2);  // n-grams
  w.Put(0.0);
  for (int i = 0; i < 2; ++i) {
    w.PutString("road");
    w.Put(1.0f);
  }
  w.Put(byte_io::ModelChecksum(w.bytes()));
  const std::string path = testing::WriteFile(dir.file("twice.bin"), w.bytes());
  auto loaded = NgramModel::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kCorruption);
  EXPECT_NE(loaded.status().message().find(path), std::string::npos);
}

}  // namespace
}  // namespace sift::nlp
