// End to end with the real model: theme sentiment reaches search. A
// response that praises the university and attacks the roads is found as
// positive about ideas and negative about infrastructure, whatever its
// overall sentiment, by the --theme-sentiment filter, the negative:ID query
// prefix, the theme-sentiment facet and the sentiment:ID sort, and all of
// them agree with the classes stored on the hits. Skipped, saying so, without
// the word-vector table (scripts/fetch-vectors.sh).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"
#include "test_util.h"

namespace sift {
namespace {

using ::sift::testing::Json;
using ::sift::testing::ParseJson;
using ::sift::testing::Sift;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

constexpr char kResponses[] =
    R"({"id": "mixed", "text": "The University of Hertfordshire is a superb partner for local firms and its research is excellent. But the roads around Hatfield are a disgrace, full of potholes and gridlocked every morning."})"
    "\n"
    R"({"id": "rail", "text": "The new rail link to Cambridge has been excellent for our staff. Broadband in the villages, though, is shocking and holds every business back."})"
    "\n"
    R"({"id": "roads", "text": "Potholes everywhere and buses that never turn up. Nobody maintains anything."})"
    "\n"
    R"({"id": "skills", "text": "We welcome the support for apprenticeships; the skills bootcamps have been a real success for our members."})"
    "\n"
    R"({"id": "care", "text": "Older residents in Stevenage cannot get a care worker. The new digital health hub, on the other hand, is a great idea."})"
    "\n"
    R"({"id": "plain", "text": "Please publish the results of this consultation."})"
    "\n";

class SearchThemeSentimentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string vectors =
        testing::DataDir() + "/glove-6b-100d-150k.siftvec";
    if (!std::filesystem::exists(vectors)) return;
    dir_ = new TempDir();
    const std::string input =
        WriteFile(dir_->file("responses.jsonl"), kResponses);
    Outcome r =
        Sift(*dir_, {"ingest", input, "--db", dir_->file("db"), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (dir_ == nullptr) {
      GTEST_SKIP() << "no word-vector table in " << testing::DataDir()
                   << "; run scripts/fetch-vectors.sh";
    }
  }

  using Outcome = testing::Outcome;

  static Json Search(std::vector<std::string> args) {
    args.insert(args.begin(), {"search", "--db", dir_->file("db"), "--json",
                               "--limit", "100"});
    Outcome r = Sift(*dir_, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson(r.out);
  }

  static std::vector<std::string> Ids(const Json& result) {
    std::vector<std::string> ids;
    for (const auto& hit : result["results"]) ids.push_back(hit["id"]);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static TempDir* dir_;
};

TempDir* SearchThemeSentimentTest::dir_ = nullptr;

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST_F(SearchThemeSentimentTest, MixedResponseIsFoundByEachThemesOwnClass) {
  const auto negative_roads =
      Ids(Search({"", "--theme-sentiment", "infrastructure:negative"}));
  const auto positive_ideas =
      Ids(Search({"", "--theme-sentiment", "ideas:positive"}));
  EXPECT_TRUE(Contains(negative_roads, "mixed"));
  EXPECT_TRUE(Contains(positive_ideas, "mixed"));
  EXPECT_FALSE(Contains(
      Ids(Search({"", "--theme-sentiment", "ideas:negative"})), "mixed"));
  // Overall the response is negative ("but" puts the weight on the roads),
  // so the overall filter cannot find its praise.
  EXPECT_FALSE(
      Contains(Ids(Search({"", "--sentiment", "positive", "--theme", "ideas"})),
               "mixed"));
  // Alternatives within the flag are OR; the query prefix is the same
  // filter; flags and prefixes combine with AND.
  EXPECT_EQ(Ids(Search({"negative:infrastructure"})), negative_roads);
  EXPECT_EQ(Ids(Search({"negative:infrastructure positive:ideas"})),
            std::vector<std::string>{"mixed"});
  const auto either =
      Ids(Search({"", "--theme-sentiment", "infrastructure:negative",
                  "--theme-sentiment", "ideas:positive"}));
  for (const auto& id : negative_roads) EXPECT_TRUE(Contains(either, id));
  for (const auto& id : positive_ideas) EXPECT_TRUE(Contains(either, id));
}

TEST_F(SearchThemeSentimentTest, FiltersAndFacetsAgreeWithTheClassesOnHits) {
  Json all = Search({"", "--facets"});
  ASSERT_EQ(all["total"], 6);
  // The oracle: the class stored with each hit's themes.
  std::map<std::string, std::vector<std::string>> expected;
  for (const auto& hit : all["results"]) {
    ASSERT_EQ(hit["theme_sentiment_class"].size(),
              hit["theme_sentiment"].size())
        << hit.dump();
    EXPECT_GT(hit["sentiment_confidence"].get<double>(), 0.0) << hit.dump();
    EXPECT_LE(hit["sentiment_confidence"].get<double>(), 1.0) << hit.dump();
    for (const auto& [theme, c] : hit["theme_sentiment_class"].items()) {
      expected[theme + ":" + c.get<std::string>()].push_back(hit["id"]);
    }
  }
  ASSERT_FALSE(expected.empty());
  const Json& facet = all["facets"]["theme_sentiment"];
  ASSERT_EQ(facet.size(), 27u);  // 9 themes x 3 classes, in label order
  EXPECT_EQ(facet[0]["key"], "ideas:negative");
  EXPECT_EQ(facet[2]["key"], "ideas:positive");
  for (const auto& f : facet) {
    const std::string key = f["key"];
    auto& ids = expected[key];
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(f["count"], ids.size()) << key;
    EXPECT_EQ(Ids(Search({"", "--theme-sentiment", key})), ids) << key;
  }
  // Each theme's three counts add up to the theme facet's count.
  for (const auto& t : all["facets"]["theme"]) {
    int sum = 0;
    for (const auto& f : facet) {
      const std::string key = f["key"];
      if (key.substr(0, key.rfind(':')) == t["key"])
        sum += f["count"].get<int>();
    }
    EXPECT_EQ(sum, t["count"]) << t["key"];
  }
}

// A theme's score is the mean of the sentences that carry it, and its class
// the class most of them have, as the hits' own sentences show.
TEST_F(SearchThemeSentimentTest, ThemesFollowTheSentencesOnTheHit) {
  Json all = Search({""});
  int checked = 0;
  for (const auto& hit : all["results"]) {
    for (const auto& [theme, score] : hit["theme_sentiment"].items()) {
      double sum = 0;
      std::map<std::string, int> votes;
      int n = 0;
      for (const auto& s : hit["sentences"]) {
        bool carries = false;
        for (const auto& t : s["themes"]) carries |= t == theme;
        if (!carries) continue;
        sum += s["sentiment_score"].get<double>();
        ++votes[s["sentiment"].get<std::string>()];
        ++n;
      }
      ASSERT_GT(n, 0) << hit["id"] << " " << theme;
      EXPECT_NEAR(score.get<double>(), sum / n, 2e-4) << hit["id"] << theme;
      int most = 0, winners = 0;
      std::string winner;
      for (const auto& [c, v] : votes) {
        if (v > most) {
          most = v;
          winners = 1;
          winner = c;
        } else if (v == most) {
          ++winners;
        }
      }
      if (winners != 1) continue;  // a tie goes to the mean's class
      EXPECT_EQ(hit["theme_sentiment_class"][theme], winner)
          << hit["id"] << " " << theme;
      ++checked;
    }
  }
  EXPECT_GE(checked, 6);
}

// A theme that rests on the whole of a one-sentence response has the
// response's own class and score: the two never contradict each other.
TEST_F(SearchThemeSentimentTest, OneSentenceResponsesThemesShareItsClass) {
  Json skills = Search({"id:skills"});
  ASSERT_EQ(skills["total"], 1);
  const Json& hit = skills["results"][0];
  ASSERT_FALSE(hit["theme_sentiment"].empty()) << hit.dump();
  for (const auto& [theme, c] : hit["theme_sentiment_class"].items()) {
    EXPECT_EQ(c, hit["sentiment"]) << theme;
    EXPECT_EQ(hit["theme_sentiment"][theme], hit["sentiment_score"]) << theme;
  }
}

TEST_F(SearchThemeSentimentTest, SortsByOneThemesSentimentWithOthersLast) {
  for (const bool descending : {false, true}) {
    const std::string order =
        std::string(descending ? "-" : "") + "sentiment:infrastructure";
    Json ranked = Search({"", "--sort", order});
    ASSERT_EQ(ranked["results"].size(), 6u);
    std::vector<double> scores;
    bool missing_seen = false;
    for (const auto& hit : ranked["results"]) {
      const Json& by_theme = hit["theme_sentiment"];
      if (!by_theme.contains("infrastructure")) {
        missing_seen = true;
        continue;
      }
      EXPECT_FALSE(missing_seen)
          << order << ": " << hit["id"] << " comes after a response without it";
      scores.push_back(by_theme["infrastructure"]);
    }
    ASSERT_GE(scores.size(), 2u);
    for (std::size_t i = 1; i < scores.size(); ++i) {
      EXPECT_TRUE(descending ? scores[i - 1] >= scores[i]
                             : scores[i - 1] <= scores[i])
          << order;
    }
  }
}

// An analyst reviews the least sure sentiment calls first.
TEST_F(SearchThemeSentimentTest, SortsBySentimentConfidence) {
  for (const bool descending : {false, true}) {
    const std::string order = descending ? "-confidence" : "confidence";
    Json ranked = Search({"", "--sort", order});
    ASSERT_EQ(ranked["results"].size(), 6u);
    for (std::size_t i = 1; i < ranked["results"].size(); ++i) {
      const double before =
          ranked["results"][i - 1]["sentiment_confidence"].get<double>();
      const double after =
          ranked["results"][i]["sentiment_confidence"].get<double>();
      EXPECT_TRUE(descending ? before >= after : before <= after) << order;
    }
  }
}

TEST_F(SearchThemeSentimentTest, MistakesAreNamedNotSilentlyEmpty) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"", "--theme-sentiment", "infrastructure"}, "is not THEME:negative"},
      {{"", "--theme-sentiment", "infrastructure:angry"},
       "is not THEME:negative"},
      {{"", "--theme-sentiment", "roads:negative"}, "no theme 'roads'"},
      {{"negative:roads"}, "no theme 'roads'"},
      {{"", "--sort", "sentiment:roads"}, "no such classifier label"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"search", "--db", dir_->file("db")};
    args.insert(args.end(), c.args.begin(), c.args.end());
    Outcome r = Sift(*dir_, args);
    EXPECT_NE(r.exit_code, 0) << c.args.back();
    EXPECT_NE(r.err.find(c.message), std::string::npos)
        << c.args.back() << ": " << r.err;
  }
}

// Odd uses of the prefixes either parse or fail with a message; never a
// crash or a silent empty answer for a misspelt theme.
TEST_F(SearchThemeSentimentTest, MalformedPrefixQueriesNeverCrash) {
  for (const char* q :
       {"negative:", "positive:\"\"", "neutral:(ideas", "negative:ideas:x",
        "NOT positive:ideas", "negative:IDEAS", "negative:\"ideas\" OR"}) {
    Outcome r = Sift(*dir_, {"search", q, "--db", dir_->file("db")});
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << q << ": " << r.err;
    if (r.exit_code != 0) {
      EXPECT_FALSE(r.err.empty()) << q;
    }
  }
  Outcome upper = Sift(
      *dir_, {"search", "negative:IDEAS", "--db", dir_->file("db"), "--json"});
  Outcome lower = Sift(
      *dir_, {"search", "negative:ideas", "--db", dir_->file("db"), "--json"});
  EXPECT_EQ(ParseJson(upper.out)["total"], ParseJson(lower.out)["total"]);
}

// A database ingested without the model says why it cannot be searched
// by theme sentiment, rather than matching nothing.
TEST_F(SearchThemeSentimentTest, DatabaseWithoutSentimentSaysSo) {
  TempDir dir;
  const std::string db = dir.file("db");
  Outcome r = Sift(dir, {"ingest", WriteFile(dir.file("a.jsonl"), kResponses),
                         "--db", db, "--quiet", "--no-classify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"", "--theme-sentiment", "ideas:positive"},
        std::vector<std::string>{"positive:ideas"},
        std::vector<std::string>{"", "--sort", "sentiment:ideas"}}) {
    std::vector<std::string> full = {"search", "--db", db};
    full.insert(full.end(), args.begin(), args.end());
    Outcome s = Sift(dir, full);
    EXPECT_NE(s.exit_code, 0) << args.back();
    EXPECT_NE(s.err.find("cannot be searched by theme sentiment"),
              std::string::npos)
        << args.back() << ": " << s.err;
  }
  Outcome facets = Sift(dir, {"search", "--db", db, "--facets", "--json"});
  ASSERT_EQ(facets.exit_code, 0) << facets.err;
  EXPECT_FALSE(ParseJson(facets.out)["facets"].contains("theme_sentiment"));
}

// A later run into the same database keeps it searchable by theme
// sentiment, and its responses count.
TEST_F(SearchThemeSentimentTest, LaterRunsKeepTheTerms) {
  TempDir dir;
  const std::string db = dir.file("db");
  const std::string first = WriteFile(dir.file("a.jsonl"), kResponses);
  const std::string second = WriteFile(
      dir.file("b.jsonl"),
      R"({"id": "late", "text": "The roads round Watford are a disgrace and the potholes are dangerous."})"
      "\n");
  for (const std::string& file : {first, second}) {
    Outcome r = Sift(dir, {"ingest", file, "--db", db, "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Outcome r = Sift(dir, {"search", "--db", db, "--json", "--theme-sentiment",
                         "infrastructure:negative", "--limit", "100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(Ids(ParseJson(r.out)), "late")) << r.out;
}

}  // namespace
}  // namespace sift
