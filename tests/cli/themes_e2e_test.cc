// End to end with the real model on the demo consultation: every number of
// `sift themes` agrees with `sift search`, the campaign-collapsed arithmetic
// holds, and every quote is a verbatim sentence of the response it cites.
// Skipped, saying so, without the word vectors and the VADER lexicon.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "cli/cli_test_util.h"
#include "report/chromium_util.h"
#include "test_util.h"

namespace sift {
namespace {

using ::sift::testing::Json;
using ::sift::testing::ParseJson;
using ::sift::testing::Sift;
using ::sift::testing::TempDir;

using ::sift::testing::DataDir;

class ThemesE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const char* f :
         {"/glove-6b-100d-150k.siftvec", "/vader_lexicon.txt"}) {
      if (!std::filesystem::exists(DataDir() + f)) {
        skip_ = std::string("no ") + DataDir() + f +
                "; run scripts/fetch-vectors.sh and scripts/fetch-lexicon.sh";
        return;
      }
    }
    dir_ = new TempDir();
    auto ingest =
        Sift(*dir_, {"ingest",
                     SIFT_SOURCE_DIR "/corpora/demo/hertfordshire_lis_2019.csv",
                     "--db", Db(), "--text", "Q*", "--quiet"});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    auto themes = Sift(*dir_, {"themes", "--db", Db(), "--json", "--quiet"});
    ASSERT_EQ(themes.exit_code, 0) << themes.err;
    themes_ = new Json(ParseJson(themes.out));
  }
  static void TearDownTestSuite() {
    delete themes_;
    delete dir_;
    themes_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }
  static std::string Db() { return dir_->file("db"); }
  static Json Search(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"search", "--db",    Db(),
                                     "--json", "--limit", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = Sift(*dir_, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson(r.out);
  }

  static inline TempDir* dir_ = nullptr;
  static inline Json* themes_ = nullptr;
  static inline std::string skip_;
};

TEST_F(ThemesE2eTest, CountsAgreeWithSearch) {
  ASSERT_EQ((*themes_)["themes"].size(), 9u);
  for (const Json& t : (*themes_)["themes"]) {
    const std::string id = t["id"];
    Json search = Search({"", "--theme", id, "--facets"});
    EXPECT_EQ(t["count"], search["total"]) << id;
    EXPECT_LE(t["count_collapsed"].get<int>(), t["count"].get<int>()) << id;
    for (const Json& s : t["by_sector"]) {
      Json one = Search({"", "--theme", id, "--sector", s["key"]});
      EXPECT_EQ(s["count"], one["total"]) << id << " " << s["key"];
    }
  }
}

TEST_F(ThemesE2eTest, CampaignCountsOnce) {
  // The demo's 12-letter campaign is about the green belt (Places).
  Json campaign_members = Search({"", "--theme", "places", "--facets"});
  std::int64_t members = 0;
  for (const Json& c : campaign_members["facets"]["campaign"]) {
    members += c["count"].get<std::int64_t>();
  }
  ASSERT_GT(members, 0);
  for (const Json& t : (*themes_)["themes"]) {
    if (t["id"] != "places") continue;
    EXPECT_EQ(t["count_collapsed"].get<std::int64_t>(),
              t["count"].get<std::int64_t>() - members + 1);
  }
}

TEST_F(ThemesE2eTest, QuotesAreVerbatimSentencesOfTheirResponses) {
  int quotes = 0;
  auto check = [&](const Json& q) {
    Json hit = Search({"id:\"" + q["id"].get<std::string>() + "\""});
    ASSERT_EQ(hit["total"], 1) << q["id"];
    const std::string text = hit["results"][0]["text"];
    EXPECT_NE(text.find(q["text"].get<std::string>()), std::string::npos)
        << q["text"] << " is not in " << q["id"];
    ++quotes;
  };
  for (const Json& t : (*themes_)["themes"]) {
    EXPECT_GE(t["quotes"].size(), 3u) << t["id"];
    EXPECT_LE(t["quotes"].size(), 5u) << t["id"];
    for (const Json& q : t["quotes"]) check(q);
    for (const Json& st : t["subthemes"]) check(st["quote"]);
  }
  for (const Json& q : (*themes_)["outside_taxonomy"]["quotes"]) check(q);
  EXPECT_GT(quotes, 30);
}

// Each theme's critical and supportive voices are sentences the model
// classed that way (as search shows them), not repeats of its quotes.
TEST_F(ThemesE2eTest, VoicesAreSentencesOfTheirSide) {
  int voices = 0;
  for (const Json& t : (*themes_)["themes"]) {
    std::set<std::string> quoted;
    for (const Json& q : t["quotes"]) quoted.insert(q["text"]);
    for (const auto& [side, quotes] : t["voices"].items()) {
      EXPECT_LE(quotes.size(), 2u) << t["id"];
      for (const Json& q : quotes) {
        EXPECT_EQ(quoted.count(q["text"]), 0u) << q["text"];
        Json hit = Search({"id:\"" + q["id"].get<std::string>() + "\""});
        ASSERT_EQ(hit["total"], 1) << q["id"];
        bool found = false;
        for (const Json& s : hit["results"][0]["sentences"]) {
          if (s["text"] != q["text"]) continue;
          found = true;
          EXPECT_EQ(s["sentiment"], side) << q["text"];
        }
        EXPECT_TRUE(found) << q["text"] << " is not a sentence of " << q["id"];
        ++voices;
      }
    }
  }
  EXPECT_GE(voices, 20);  // nine themes, up to four each
}

TEST_F(ThemesE2eTest, PhrasesAreNotBoilerplateOrPlaceholders) {
  for (const Json& t : (*themes_)["themes"]) {
    for (const Json& p : t["phrases"]) {
      const std::string text = p["text"];
      EXPECT_EQ(text.find('['), std::string::npos) << text;
      EXPECT_GE(p["responses"].get<int>(), 3) << text;
    }
  }
}

TEST_F(ThemesE2eTest, DigestIsReproducibleAndComplete) {
  auto digest = [&](const std::string& name) {
    auto r = Sift(
        *dir_, {"digest", "--db", Db(), "--out", dir_->file(name), "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return testing::ReadFile(dir_->file(name));
  };
  Json first = ParseJson(digest("a.json"));
  Json second = ParseJson(digest("b.json"));
  first.erase("generated");
  second.erase("generated");
  EXPECT_EQ(first.dump(), second.dump()) << "same database, same digest";
  EXPECT_EQ(first["themes"], (*themes_)["themes"]);
  for (const char* key : {"overview", "themes", "sentiment_by_sector",
                          "campaigns", "outside_taxonomy", "methodology"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first["campaigns"].size(), 1u);
  EXPECT_EQ(first["methodology"]["input_files"][0]["sha256"]
                .get<std::string>()
                .size(),
            64u);

  const std::string html = digest("digest.html");
  for (const char* id :
       {"overview", "prevalence", "sentiment-by-sector", "theme-places",
        "campaigns", "outside-taxonomy", "methodology"}) {
    EXPECT_NE(html.find(std::string("id=\"") + id + "\""), std::string::npos)
        << id;
  }
  const std::string md = digest("digest.md");
  EXPECT_NE(md.find("## Methodology"), std::string::npos);
  EXPECT_EQ(md.find("<section"), std::string::npos);
}

// The demo's real digest in headless Chromium: a page with ink on it, and
// every section and chart in the DOM Chromium built.
TEST_F(ThemesE2eTest, DemoDigestRendersInChromium) {
  if (testing::Chromium().empty()) {
    GTEST_SKIP() << "Chromium is not installed: run scripts/install-deps.sh";
  }
  const std::string html = dir_->file("demo.html");
  auto r = Sift(*dir_, {"digest", "--db", Db(), "--out", html, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string shot = dir_->file("demo.png"), dom = dir_->file("dom.html");
  ASSERT_EQ(testing::RunChromium(dir_->path(), html,
                                 std::string("--screenshot=").append(shot),
                                 dir_->file("out.txt")),
            0);
  ASSERT_EQ(testing::RunChromium(dir_->path(), html, "--dump-dom", dom), 0);
  EXPECT_GT(testing::ReadAll(shot).size(), 50000u) << "a near-blank page";
  const std::string page = testing::ReadAll(dom);
  std::size_t sections = 0, charts = 0;
  for (std::size_t at = 0;
       (at = page.find("<section id=", at)) != std::string::npos; ++at) {
    ++sections;
  }
  for (std::size_t at = 0; (at = page.find("<svg ", at)) != std::string::npos;
       ++at) {
    ++charts;
  }
  EXPECT_EQ(sections, 15u);  // overview, prevalence, sentiment, 9 themes, 3
  EXPECT_GE(charts, 11u);    // prevalence, heatmap, a sentiment bar per theme
  for (const Json& t : (*themes_)["themes"]) {
    EXPECT_NE(page.find("id=\"theme-" + t["id"].get<std::string>() + "\""),
              std::string::npos);
  }
}

}  // namespace
}  // namespace sift
