// End to end: `sift vectors` converts the fixture vectors, then `sift train`
// trains themes and sentiment on tiny fixtures, with general opinion files
// (--sentiment-data/-dev/-test), writes a model that `sift classify` and
// `sift eval --sentiment-only` use, and refuses a general file whose record
// lacks a sentiment, naming file and line. No download needed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_test_util.h"

namespace sift::testing {
namespace {

constexpr char kTaxonomy[] = R"({"name": "t", "labels": [
  {"id": "transport", "name": "Transport", "kind": "foundation",
   "description": "roads, buses and cars"},
  {"id": "schools", "name": "Schools", "kind": "foundation",
   "description": "schools and teachers"}]})";

constexpr char kLexicon[] =
    "good\t1.9\t0.9\t[2, 2]\n"
    "bad\t-2.5\t0.7\t[-2, -3]\n";

// `copies` responses per (topic, sentiment): consultation-style records with
// labels, or general records (genre, no labels) about rivers and bridges.
std::string Records(bool general, int copies, int first_id) {
  const struct {
    const char* word;
    const char* sentiment;
    const char* score;
  } kinds[] = {{"good", "positive", "0.6"},
               {"bad", "negative", "-0.6"},
               {"2020", "neutral", "0"}};
  const struct {
    const char* text;
    const char* labels;
  } topics[] = {{"the road and the bus in town", R"(["transport"])"},
                {"the school teacher in the city", R"(["schools"])"}};
  std::string out;
  int id = first_id;
  for (int i = 0; i < copies; ++i) {
    for (const auto& k : kinds) {
      for (const auto& t : topics) {
        std::string text =
            general ? std::string("a walk by the river and bridge ") + k.word
                    : std::string(t.text) + " " + k.word;
        out += R"({"id": ")" + std::to_string(id++) + R"(", "text": ")" + text +
               " " + std::to_string(i) + "\", ";
        if (!general) out += R"("labels": )" + std::string(t.labels) + ", ";
        out += R"("sentiment": ")" + std::string(k.sentiment) +
               R"(", "sentiment_score": )" + k.score + "}\n";
      }
    }
  }
  return out;
}

class TrainE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vectors_ = dir_.file("tiny.siftvec");
    Outcome converted = Sift(
        dir_, {"vectors", "--in",
               std::string(SIFT_SOURCE_DIR) + "/tests/fixtures/wink_tiny.json",
               "--out", vectors_});
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    WriteFile(dir_.file("taxonomy.json"), kTaxonomy);
    WriteFile(dir_.file("lexicon.txt"), kLexicon);
    WriteFile(dir_.file("phrases.tsv"), "");
    WriteFile(dir_.file("train.jsonl"), Records(false, 8, 1));
    WriteFile(dir_.file("dev.jsonl"), Records(false, 3, 1000));
    WriteFile(dir_.file("general_train.jsonl"), Records(true, 8, 2000));
    WriteFile(dir_.file("general_dev.jsonl"), Records(true, 3, 3000));
  }

  std::vector<std::string> TrainArgs(const std::string& general_train) {
    return {"train",
            "--data",
            dir_.file("train.jsonl"),
            "--dev",
            dir_.file("dev.jsonl"),
            "--test",
            dir_.file("dev.jsonl"),
            "--sentiment-data",
            general_train,
            "--sentiment-dev",
            dir_.file("general_dev.jsonl"),
            "--sentiment-test",
            dir_.file("general_dev.jsonl"),
            "--taxonomy",
            dir_.file("taxonomy.json"),
            "--vectors",
            vectors_,
            "--lexicon",
            dir_.file("lexicon.txt"),
            "--sentiment-phrases",
            dir_.file("phrases.tsv"),
            "--hidden",
            "16",
            "--bag-dim",
            "8",
            "--buckets",
            "1024",
            "--epochs",
            "15",
            "--out",
            dir_.file("model"),
            "-q"};
  }

  TempDir dir_;
  std::string vectors_;
};

TEST_F(TrainE2eTest, GeneralOpinionFilesTrainTheGateAndReachTheCard) {
  Outcome trained = Sift(dir_, TrainArgs(dir_.file("general_train.jsonl")));
  ASSERT_EQ(trained.exit_code, 0) << trained.err << trained.out;
  EXPECT_NE(trained.out.find("general dev (18 texts"), std::string::npos)
      << trained.out;
  Json metrics = ParseJson(ReadFile(dir_.file("model/metrics.json")));
  EXPECT_TRUE(metrics["sentiment"].contains("general_test_pearson"))
      << metrics.dump();
  Json head = ParseJson(ReadFile(dir_.file("model/sentiment.json")));
  EXPECT_FALSE(head["domain_weights"].empty());
  EXPECT_EQ(head["general_combiner"].size(), head["combiner"].size());
  EXPECT_NE(ReadFile(dir_.file("model/MODEL_CARD.md"))
                .find("| test, general opinion text |"),
            std::string::npos);

  WriteFile(dir_.file("in.jsonl"),
            R"({"id": "a", "text": "the road and the bus in town bad"})"
            "\n");
  Outcome classified =
      Sift(dir_, {"classify", dir_.file("in.jsonl"), "--model",
                  dir_.file("model"), "--vectors", vectors_, "--lexicon",
                  dir_.file("lexicon.txt"), "--quiet"});
  ASSERT_EQ(classified.exit_code, 0) << classified.err;
  Json record = ParseJson(classified.out.substr(0, classified.out.find('\n')));
  EXPECT_EQ(record["labels"], Json::array({"transport"})) << record.dump();
  EXPECT_EQ(record["sentiment"], "negative") << record.dump();

  // General files have no labels: eval scores their sentiment alone.
  Outcome scored = Sift(
      dir_, {"eval", "--gold", dir_.file("general_dev.jsonl"),
             "--sentiment-only", "--json", "--model", dir_.file("model"),
             "--vectors", vectors_, "--lexicon", dir_.file("lexicon.txt")});
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  Json metrics_out = ParseJson(scored.out);
  EXPECT_EQ(metrics_out["sentiment"]["responses"], 18) << scored.out;
  EXPECT_FALSE(metrics_out.contains("themes"));
  Outcome labelled_only =
      Sift(dir_, {"eval", "--gold", dir_.file("general_dev.jsonl"), "--model",
                  dir_.file("model"), "--vectors", vectors_, "--lexicon",
                  dir_.file("lexicon.txt")});
  EXPECT_NE(labelled_only.exit_code, 0);
  EXPECT_NE(labelled_only.err.find("no record has a 'labels' field"),
            std::string::npos)
      << labelled_only.err;
}

TEST_F(TrainE2eTest, GeneralRecordWithoutSentimentIsAnErrorNamingTheLine) {
  std::string bad =
      WriteFile(dir_.file("bad.jsonl"),
                Records(true, 1, 5000) +
                    R"({"id": "x", "text": "no rating here"})" + "\n");
  Outcome trained = Sift(dir_, TrainArgs(bad));
  EXPECT_NE(trained.exit_code, 0);
  EXPECT_NE(trained.err.find("bad.jsonl:7: no 'sentiment' field"),
            std::string::npos)
      << trained.err;
}

}  // namespace
}  // namespace sift::testing
