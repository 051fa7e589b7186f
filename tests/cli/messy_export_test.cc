// End to end: the fixture with one of every flaw a survey export has
// (tests/fixtures/README.md lists them) ingests with exact counts, clear
// rejections, and clean, redacted, searchable text.
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_test_util.h"
#include "test_util.h"

namespace sift {
namespace {

using ::sift::testing::Json;
using ::sift::testing::ParseJson;
using ::sift::testing::Sift;
using ::sift::testing::TempDir;

const std::string kFixture =
    std::string(SIFT_SOURCE_DIR) + "/tests/fixtures/messy_export.csv";

class MessyExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = Sift(dir_, {"ingest", kFixture, "--db", db_, "--report",
                         dir_.file("report.json"), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    report_ = ParseJson(testing::ReadFile(dir_.file("report.json")));
  }

  Json Search(const std::string& query) {
    auto r =
        Sift(dir_, {"search", query, "--db", db_, "--json", "--limit", "50"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseJson(r.out);
  }

  // The stored display text of response `id`.
  std::string Text(const std::string& id) {
    Json j = Search("id:" + id);
    EXPECT_EQ(j.at("total"), 1) << id;
    return j.at("total") == 1 ? j["results"][0]["text"].get<std::string>() : "";
  }

  TempDir dir_;
  std::string db_ = dir_.file("db");
  Json report_;
};

TEST_F(MessyExportTest, CountsAddUp) {
  EXPECT_EQ(report_["rows_read"], 14);
  EXPECT_EQ(report_["indexed"], 10);
  EXPECT_EQ(report_["duplicates"], 1);
  EXPECT_EQ(report_["redactions"]["email"], 1);
  EXPECT_EQ(report_["redactions"]["phone"], 1);
  EXPECT_EQ(report_["files"][0]["encoding"]["repaired_values"], 1);
  EXPECT_EQ(report_["files"][0]["encoding"]["mojibake_values"], 1);
  EXPECT_EQ(report_["files"][0]["columns"]["text"], "Comment");
  EXPECT_EQ(report_["files"][0]["columns"]["id"], "Response ID");
}

TEST_F(MessyExportTest, RejectionsNameLineAndReason) {
  const struct {
    int line;
    std::string reason_starts;
  } want[] = {
      {7, "empty text"},
      {8, "row has 8 fields, header has 7"},
      {14, "quoted field not closed before the next row"},
      {16, "quoted field never closed"},
  };
  const Json& rejected = report_["rejected"];
  ASSERT_EQ(rejected.size(), std::size(want));
  for (std::size_t i = 0; i < std::size(want); ++i) {
    EXPECT_EQ(rejected[i]["file"], kFixture);
    EXPECT_EQ(rejected[i]["line"], want[i].line);
    EXPECT_EQ(rejected[i]["reason"].get<std::string>().rfind(
                  want[i].reason_starts, 0),
              0u)
        << rejected[i]["reason"];
  }
}

TEST_F(MessyExportTest, TextIsCleanAndRedacted) {
  EXPECT_EQ(Text("M-02"),
            "The 321 bus is \u201calways\u201d late \u2013 every day.\n"
            "And the trains are packed.");
  EXPECT_EQ(Text("M-03"),
            "She said \"no\" to the care home; we need more carers.");
  EXPECT_EQ(Text("M-04"), "Email me at [EMAIL] or ring [PHONE].");
  EXPECT_EQ(Text("M-07"),
            "We welcome the strategy & its aims.\n\nSkills matter.");
  EXPECT_EQ(Text("M-09"), "don\u2019t build on the green belt");
  EXPECT_EQ(Text("M-10"),
            "Our caf\u00e9 pays \u00a31,250 a month \u2013 it\u2019s too much");
  EXPECT_EQ(Text("M-11"), "zerowidth and nbsp in rural broadband");
  // Recovered after the unclosed quote on the line above it.
  EXPECT_EQ(Text("M-14"), "HGV parking at Maylands; drivers sleep in lay-bys.");
}

TEST_F(MessyExportTest, DuplicateAndFiltersWork) {
  Json dup = Search("is:duplicate");
  ASSERT_EQ(dup.at("total"), 1);
  EXPECT_EQ(dup["results"][0]["id"], "M-08");
  EXPECT_EQ(dup["results"][0]["duplicate_of"], "M-01");
  // "St. Albans" and "st albans" are one district.
  EXPECT_EQ(Search("district:\"St Albans\"").at("total"), 2);
  EXPECT_EQ(Search("redacted:email").at("total"), 1);
  EXPECT_EQ(Search("\"green belt\"").at("total"), 1);
}

}  // namespace
}  // namespace sift
