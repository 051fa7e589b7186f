// End to end with the real model: the bundled models/default and the GloVe
// table scripts/fetch-vectors.sh builds (skipped, saying so, when the table
// is absent: run that script).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "cli/cli_test_util.h"
#include "test_util.h"

namespace sift {
namespace {

using ::sift::testing::Json;
using ::sift::testing::ParseJson;
using ::sift::testing::Sift;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

std::string VectorsPath() {
  if (const char* v = std::getenv("SIFT_VECTORS"); v && *v) return v;
  return testing::DataDir() + "/glove-6b-100d-150k.siftvec";
}

class ClassifyE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(VectorsPath())) {
      GTEST_SKIP() << "no word-vector table at " << VectorsPath()
                   << "; run scripts/fetch-vectors.sh";
    }
  }
  TempDir dir_;
};

TEST_F(ClassifyE2eTest, ClearResponsesGetTheirThemesInInputOrder) {
  std::string input = WriteFile(
      dir_.file("new.jsonl"),
      R"({"id": "a", "text": "The 724 bus never comes and the trains to London are always late and packed."})"
      "\n"
      R"({"id": "b", "text": "We need far more apprenticeships and the FE college needs funding for technicians."})"
      "\n"
      R"({"id": "c", "text": ""})"
      "\n"
      R"({"id": "d", "text": "Our care homes cannot recruit staff and the number of over-85s keeps growing."})"
      "\n");
  auto r = Sift(dir_, {"classify", input, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<Json> records;
  for (std::string line; std::getline(lines, line);)
    records.push_back(ParseJson(line));
  ASSERT_EQ(records.size(), 3u);  // the empty one is rejected, on stderr
  EXPECT_NE(r.err.find("empty text"), std::string::npos);
  EXPECT_EQ(records[0]["id"], "a");
  EXPECT_EQ(records[1]["id"], "b");
  EXPECT_EQ(records[2]["id"], "d");
  auto has = [](const Json& rec, const std::string& label) {
    for (const auto& l : rec["labels"]) {
      if (l == label) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(records[0], "future_mobility")) << records[0].dump();
  EXPECT_TRUE(has(records[1], "people")) << records[1].dump();
  EXPECT_TRUE(has(records[2], "ageing_society")) << records[2].dump();
  for (const auto& rec : records) {
    const std::string sentiment = rec["sentiment"];
    EXPECT_TRUE(sentiment == "negative" || sentiment == "neutral" ||
                sentiment == "positive")
        << sentiment;
    EXPECT_LE(std::abs(rec["sentiment_score"].get<double>()), 1.0);
    const double confidence = rec["sentiment_confidence"].get<double>();
    EXPECT_GT(confidence, 0.0);
    EXPECT_LE(confidence, 1.0);
    EXPECT_EQ(rec["theme_sentiment"].size(), rec["labels"].size());
    EXPECT_EQ(rec["theme_sentiment_class"].size(), rec["labels"].size());
    EXPECT_TRUE(rec["campaign"].is_null());  // no template letters here
    EXPECT_TRUE(rec.contains("sector") && rec.contains("sector_raw"));
    EXPECT_EQ(rec["scores"].size(), 9u);
    EXPECT_TRUE(rec["needs_review"].is_boolean());
    for (const auto& [label, score] : rec["scores"].items()) {
      EXPECT_GE(score.get<double>(), 0.0);
      EXPECT_LE(score.get<double>(), 1.0);
    }
  }
}

// Reading runs a chunk ahead of classification: across chunk and file
// boundaries, every response still comes out once, in input order, and every
// rejected row is reported.
TEST_F(ClassifyE2eTest, ManyFilesAndChunksKeepInputOrder) {
  std::vector<std::string> args = {"classify", "--quiet", "--no-sentiment",
                                   "--no-campaigns"};
  const char* kTexts[] = {"the bus to Hitchin is always late",
                          "more apprenticeships at the FE college please",
                          "solar panels on the factory roof"};
  int written = 0, rejected = 0;
  for (int f = 0; f < 3; ++f) {
    std::string body;
    for (int i = 0; i < 3000; ++i) {
      const bool empty = i % 997 == 5;  // rejected: empty text
      body.append(R"({"id": "f)")
          .append(std::to_string(f))
          .append("-")
          .append(std::to_string(i))
          .append(R"(", "text": ")")
          .append(empty ? "" : kTexts[(f + i) % 3])
          .append("\"}\n");
      (empty ? rejected : written) += 1;
    }
    args.push_back(
        WriteFile(dir_.file("in" + std::to_string(f) + ".jsonl"), body));
  }
  auto r = Sift(dir_, args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<std::string> ids;
  for (std::string line; std::getline(lines, line);)
    ids.push_back(ParseJson(line)["id"]);
  ASSERT_EQ(static_cast<int>(ids.size()), written);
  int k = 0;
  for (int f = 0; f < 3; ++f) {
    for (int i = 0; i < 3000; ++i) {
      if (i % 997 == 5) continue;
      ASSERT_EQ(ids[k++], std::string("f")
                              .append(std::to_string(f))
                              .append("-")
                              .append(std::to_string(i)));
    }
  }
  EXPECT_EQ(testing::Occurrences(r.err, "empty text"),
            static_cast<std::size_t>(rejected))
      << r.err;
}

TEST_F(ClassifyE2eTest, CsvOutputAndExplanations) {
  std::string input = WriteFile(dir_.file("new.csv"),
                                "id,text\nx1,Rural broadband in our village is "
                                "hopeless; we need full fibre.\n");
  auto csv = Sift(dir_, {"classify", input, "--format", "csv", "--quiet"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(
      csv.out.rfind("id,labels,needs_review,sentiment,sentiment_score,sector,"
                    "sector_raw,campaign,score_ideas,",
                    0),
      0u)
      << csv.out;
  EXPECT_NE(csv.out.find("\nx1,"), std::string::npos);
  auto explained = Sift(dir_, {"classify", input, "--explain", "--quiet"});
  ASSERT_EQ(explained.exit_code, 0) << explained.err;
  Json j = ParseJson(explained.out);
  ASSERT_TRUE(j.contains("explain"));
  ASSERT_TRUE(j["explain"].contains("infrastructure")) << j.dump();
  std::string evidence = j["explain"]["infrastructure"].dump();
  EXPECT_TRUE(evidence.find("broadband") != std::string::npos ||
              evidence.find("fibre") != std::string::npos)
      << evidence;
}

// A response can praise the university and attack the roads: each theme
// gets the sentiment of its own sentences.
TEST_F(ClassifyE2eTest, ThemeSentimentFollowsTheSentences) {
  std::string input = WriteFile(
      dir_.file("mixed.jsonl"),
      R"({"id": "m", "text": "The University of Hertfordshire is a superb partner for local firms and its research is excellent. But the roads around Hatfield are a disgrace, full of potholes and gridlocked every morning."})"
      "\n");
  auto r = Sift(dir_, {"classify", input, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json rec = ParseJson(r.out);
  ASSERT_TRUE(rec["theme_sentiment"].contains("ideas")) << rec.dump();
  ASSERT_TRUE(rec["theme_sentiment"].contains("infrastructure")) << rec.dump();
  EXPECT_GT(rec["theme_sentiment"]["ideas"].get<double>(), 0.2);
  EXPECT_LT(rec["theme_sentiment"]["infrastructure"].get<double>(), -0.2);
  EXPECT_EQ(rec["theme_sentiment_class"]["ideas"], "positive");
  EXPECT_EQ(rec["theme_sentiment_class"]["infrastructure"], "negative");
  EXPECT_EQ(rec["sentiment"], "negative");  // "but" puts the weight on roads
}

// --sentences lists each sentence with its own sentiment and themes: the
// praise and the complaint of one response, each where it was written.
TEST_F(ClassifyE2eTest, SentencesCarryTheirOwnSentimentAndThemes) {
  const std::string text =
      "The University of Hertfordshire is a superb partner for local firms "
      "and its research is excellent. But the roads around Hatfield are a "
      "disgrace, full of potholes and gridlocked every morning.";
  std::string input = WriteFile(dir_.file("mixed.jsonl"),
                                R"({"id": "m", "text": ")" + text + "\"}\n");
  auto r = Sift(dir_, {"classify", input, "--quiet", "--sentences"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json rec = ParseJson(r.out);
  const Json& sentences = rec["sentences"];
  ASSERT_EQ(sentences.size(), 2u) << rec.dump();
  EXPECT_EQ(text.find(sentences[0]["text"].get<std::string>()), 0u);
  EXPECT_NE(text.find(sentences[1]["text"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(sentences[0]["sentiment"], "positive");
  EXPECT_GT(sentences[0]["sentiment_score"].get<double>(), 0.2);
  auto carries = [](const Json& sentence, const char* theme) {
    const Json& themes = sentence["themes"];
    return std::find(themes.begin(), themes.end(), theme) != themes.end();
  };
  EXPECT_TRUE(carries(sentences[0], "ideas")) << sentences[0].dump();
  EXPECT_FALSE(carries(sentences[0], "infrastructure")) << sentences[0].dump();
  EXPECT_EQ(sentences[1]["sentiment"], "negative");
  EXPECT_LT(sentences[1]["sentiment_score"].get<double>(), -0.2);
  EXPECT_TRUE(carries(sentences[1], "infrastructure")) << sentences[1].dump();
  EXPECT_FALSE(carries(sentences[1], "ideas")) << sentences[1].dump();
  // Without the flag, no sentences; with CSV or without sentiment, an error.
  auto plain = Sift(dir_, {"classify", input, "--quiet"});
  EXPECT_FALSE(ParseJson(plain.out).contains("sentences"));
  for (const char* other : {"--no-sentiment", "--format=csv"}) {
    auto refused =
        Sift(dir_, {"classify", input, "--quiet", "--sentences", other});
    EXPECT_NE(refused.exit_code, 0) << other;
    EXPECT_NE(refused.err.find("--sentences"), std::string::npos)
        << refused.err;
  }
}

// Batch classification finds the campaigns among its inputs: the demo's
// 12-letter campaign, under the id ingest gives it.
TEST_F(ClassifyE2eTest, CampaignsAmongTheInputs) {
  const std::string demo =
      std::string(SIFT_SOURCE_DIR) + "/corpora/demo/hertfordshire_lis_2019.csv";
  auto r = Sift(dir_, {"classify", demo, "--text", "Q*", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::map<std::string, int> members;
  for (std::string line; std::getline(lines, line);) {
    Json rec = ParseJson(line);
    if (!rec["campaign"].is_null()) ++members[rec["campaign"]];
  }
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members.begin()->second, 12);
  auto ingest = Sift(dir_, {"ingest", demo, "--text", "Q*", "--db",
                            dir_.file("db"), "--no-classify", "--quiet"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  Json listed = ParseJson(
      Sift(dir_, {"campaigns", "--db", dir_.file("db"), "--json"}).out);
  EXPECT_EQ(listed["campaigns"][0]["id"], members.begin()->first);
  auto skipped = Sift(dir_, {"classify", demo, "--text", "Q*", "--quiet",
                             "--no-campaigns", "--no-sentiment"});
  ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
  EXPECT_EQ(skipped.out.find("\"campaign\":\"c"), std::string::npos);
  EXPECT_EQ(skipped.out.find("\"sentiment\""), std::string::npos);
}

// Text with nothing to judge by (emoji, another script, punctuation) is
// neutral with score 0, not a guess; it still gets a needs_review flag.
TEST_F(ClassifyE2eTest, UninformativeTextIsNeutral) {
  std::string input = WriteFile(
      dir_.file("odd.jsonl"),
      "{\"id\": \"emoji\", \"text\": \"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\"}\n"
      "{\"id\": \"arabic\", \"text\": "
      "\"\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7\"}\n"
      "{\"id\": \"marks\", \"text\": \"!!!???\"}\n");
  auto r = Sift(dir_, {"classify", input, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    Json rec = ParseJson(line);
    EXPECT_EQ(rec["sentiment"], "neutral") << line;
    EXPECT_EQ(rec["sentiment_score"].get<double>(), 0.0) << line;
  }
  EXPECT_EQ(n, 3);
}

TEST_F(ClassifyE2eTest, EvalOnTheTestSplitKeepsItsLevel) {
  const std::string gold =
      std::string(SIFT_SOURCE_DIR) + "/corpora/labelled/test.jsonl";
  auto r = Sift(dir_, {"eval", "--gold", gold, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json j = ParseJson(r.out);
  std::string text = testing::ReadFile(gold);
  EXPECT_EQ(j["themes"]["responses"],
            static_cast<int>(std::count(text.begin(), text.end(), '\n')));
  // A guard against regressions, well below the model card's figure.
  EXPECT_GT(j["themes"]["macro_f1"].get<double>(), 0.70);
  EXPECT_EQ(j["themes"]["labels"].size(), 9u);
  // Sentiment, from the same file's sentiment field.
  ASSERT_TRUE(j.contains("sentiment")) << j.dump();
  const Json& s = j["sentiment"];
  EXPECT_EQ(s["responses"], j["themes"]["responses"]);
  int total = 0;
  for (const auto& row : s["confusion"]) {
    for (const auto& cell : row) total += cell.get<int>();
  }
  EXPECT_EQ(total, s["responses"].get<int>());
  EXPECT_GT(s["macro_f1"].get<double>(), 0.50);  // guard; model card: 0.59
  EXPECT_GT(s["pearson"].get<double>(), 0.50);
  // The confidence is calibrated on responses (0.021 when written).
  const Json& calibration = s["calibration"];
  ASSERT_TRUE(calibration.is_object()) << s.dump();
  EXPECT_LT(calibration["expected_calibration_error"].get<double>(), 0.08);
  int binned = 0;
  for (const auto& bin : calibration["bins"])
    binned += bin["responses"].get<int>();
  EXPECT_LE(binned, s["responses"].get<int>());
  EXPECT_GE(binned, s["responses"].get<int>() - 5);  // texts without words
}

TEST_F(ClassifyE2eTest, IngestedThemesAgreeWithSearch) {
  std::string db = dir_.file("db");
  auto r = Sift(dir_, {"ingest",
                       std::string(SIFT_SOURCE_DIR) +
                           "/corpora/demo/hertfordshire_lis_2019.csv",
                       "--text", "Q*", "--db", db, "--report",
                       dir_.file("report.json"), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json report = ParseJson(testing::ReadFile(dir_.file("report.json")));
  ASSERT_EQ(report["themes"].size(), 9u);
  EXPECT_FALSE(report["model"].get<std::string>().empty());
  Json facets = ParseJson(Sift(dir_, {"search", "", "--db", db, "--facets",
                                      "--json", "--limit", "0"})
                              .out)["facets"]["theme"];
  ASSERT_EQ(facets.size(), 9u);
  for (const auto& [label, count] : report["themes"].items()) {
    Json found = ParseJson(Sift(dir_, {"search", "", "--db", db, "--theme",
                                       label, "--json", "--limit", "1"})
                               .out);
    EXPECT_EQ(found["total"], count) << label;
    if (count.get<int>() > 0) {
      bool carries = false;
      for (const auto& l : found["results"][0]["labels"]) carries |= l == label;
      EXPECT_TRUE(carries) << label;
    }
    for (const auto& f : facets) {
      if (f["key"] == label) {
        EXPECT_EQ(f["count"], count) << label;
      }
    }
  }
}

}  // namespace
}  // namespace sift
