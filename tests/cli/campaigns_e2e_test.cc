// End to end: the demo consultation's template letter is found as one
// campaign at ingest, members stay indexed and searchable, and
// `sift campaigns --json` lists it with members' own words, and the short
// answers many gave word for word apart from it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/cli_test_util.h"
#include "test_util.h"

namespace sift::testing {
namespace {

TEST(CampaignsE2eTest, DemoLetterIsOneCampaignAndStaysIndexed) {
  TempDir dir;
  const std::string db = dir.file("db");
  auto ingest =
      Sift(dir, {"ingest",
                 SIFT_SOURCE_DIR "/corpora/demo/hertfordshire_lis_2019.csv",
                 "--db", db, "--text", "Q*", "--no-classify", "--report",
                 dir.file("report.json")});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  Json report = ParseJson(ReadFile(dir.file("report.json")));
  EXPECT_EQ(report["campaigns"]["campaigns"], 1);
  EXPECT_EQ(report["campaigns"]["members"], 12);
  EXPECT_EQ(report["indexed"], 560);  // members are not removed
  // Short stock answers are listed apart, never as campaigns.
  EXPECT_EQ(report["campaigns"]["repeated_answers"], 3);
  EXPECT_EQ(report["campaigns"]["repeated_answer_members"], 15);

  auto listed = Sift(dir, {"campaigns", "--db", db, "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  Json repeated = ParseJson(listed.out)["repeated_answers"];
  ASSERT_EQ(repeated.size(), 3u);
  EXPECT_EQ(repeated[0]["size"], 8);
  EXPECT_EQ(repeated[0]["text"], "N/A");
  EXPECT_EQ(repeated[0]["members"].size(), 8u);
  Json campaigns = ParseJson(listed.out)["campaigns"];
  ASSERT_EQ(campaigns.size(), 1u);
  const Json& c = campaigns[0];
  EXPECT_EQ(c["size"], 12);
  EXPECT_EQ(c["members"].size(), 12u);
  EXPECT_NE(c["template"].get<std::string>().find("green belt"),
            std::string::npos);
  ASSERT_FALSE(c["additions"].empty());
  for (const auto& [id, sentences] : c["additions"].items()) {
    for (const auto& s : sentences) {
      EXPECT_EQ(c["template"].get<std::string>().find(s.get<std::string>()),
                std::string::npos)
          << id << ": an addition must not be template text";
    }
  }

  auto search = Sift(dir, {"search", "", "--db", db, "--campaign",
                           c["id"].get<std::string>(), "--json"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_EQ(ParseJson(search.out)["total"], 12);

  // A digest needs classified responses: a clear error, and no file.
  auto digest = Sift(
      dir, {"digest", "--db", db, "--out", dir.file("digest.html"), "--quiet"});
  EXPECT_EQ(digest.exit_code, 1);
  EXPECT_NE(digest.err.find("not classified"), std::string::npos) << digest.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("digest.html")));

  // A second run over the same file keeps the same campaign id.
  auto again =
      Sift(dir, {"ingest",
                 SIFT_SOURCE_DIR "/corpora/demo/hertfordshire_lis_2019.csv",
                 "--db", db, "--text", "Q*", "--no-classify"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto relisted = Sift(dir, {"campaigns", "--db", db, "--json"});
  EXPECT_EQ(ParseJson(relisted.out)["campaigns"][0]["id"], c["id"]);
}

}  // namespace
}  // namespace sift::testing
