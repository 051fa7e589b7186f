// End-to-end tests: run the built `sift` binary in a shell and check exit
// codes, stdout JSON and stderr messages.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"
#include "sift/core/version.h"
#include "test_util.h"

namespace sift {
namespace {

using ::sift::testing::Outcome;
using ::sift::testing::ParseJson;
using ::sift::testing::ReadFile;
using ::sift::testing::Sift;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;
using Json = nlohmann::json;
using Ids = std::vector<std::string>;

Ids ResultIds(const Json& j) {
  Ids ids;
  for (const auto& r : j.at("results")) ids.push_back(r.at("id"));
  return ids;
}

constexpr char kLongCsv[] =
    "id,response,district\n"
    "a1,Hello world,St Albans\n"
    "a2,,Watford\n"
    "a3,\"Write to jo@example.com\nplease\",Dacorum\n"
    "a4,x,y,z,extra\n"
    "a5,HELLO WORLD,Watford\n";

constexpr char kSearchCsv[] =
    "id,date,respondent type,sector,district,response\n"
    "d1,2019-03-05,An individual / resident,resident,St Albans,"
    "The road through the village needs repair.\n"
    "d2,2019-03-01,An individual / resident,resident,st. albans,"
    "Protect the green belt from development.\n"
    "d3,2019-04-10,A business,pharma,Watford,"
    "Belt and braces: the green agenda matters.\n"
    "d4,2019-02-20,A business,haulage,Dacorum,"
    "Bus services are poor; buses rarely run on Sundays.\n"
    "d5,2019-05-01,A business,Pharma,St Albans,Contact us about the busway.\n"
    "d6,2019-03-02,An individual / resident,resident,Watford,"
    "Protect the green belt from development.\n"
    "d7,2019-03-15,A local authority,,North Herts,"
    "Broadband speeds in rural areas are too slow.\n";

TEST(SiftE2eTest, VersionAndHelpExitZero) {
  TempDir dir;
  Outcome v = Sift(dir, {"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, std::string("sift ") + Version() + "\n");
  Outcome h = Sift(dir, {"--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("ingest"), std::string::npos) << h.out;
  EXPECT_NE(h.out.find("search"), std::string::npos) << h.out;
  Outcome ih = Sift(dir, {"ingest", "--help"});
  EXPECT_EQ(ih.exit_code, 0);
  EXPECT_NE(ih.out.find("--report"), std::string::npos) << ih.out;
  Outcome none = Sift(dir, {});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_FALSE(none.err.empty());
}

TEST(SiftE2eTest, IngestWritesReport) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  std::string report = dir.file("report.json");
  Outcome o =
      Sift(dir, {"ingest", csv, "--db", dir.file("db"), "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(o.out.find("rejected " + csv + ":3: empty text"), std::string::npos)
      << o.out;
  Json j = ParseJson(ReadFile(report));
  EXPECT_EQ(j.at("rows_read"), 5);
  EXPECT_EQ(j.at("indexed"), 3);
  EXPECT_EQ(j.at("duplicates"), 1);
  ASSERT_TRUE(j.at("rejected").is_array());
  EXPECT_EQ(
      j.at("rows_read").get<int>(),
      j.at("indexed").get<int>() + static_cast<int>(j.at("rejected").size()));
  ASSERT_EQ(j.at("rejected").size(), 2u);
  EXPECT_EQ(j["rejected"][0],
            (Json{{"file", csv}, {"line", 3}, {"reason", "empty text"}}));
  EXPECT_EQ(j["rejected"][1]["line"], 6);
  EXPECT_EQ(j["rejected"][1]["reason"], "row has 5 fields, header has 3");
  EXPECT_EQ(j.at("redactions"), (Json{{"email", 1},
                                      {"url", 0},
                                      {"nino", 0},
                                      {"phone", 0},
                                      {"postcode", 0}}));
  EXPECT_EQ(j.at("database").at("documents"), 3);
}

TEST(SiftE2eTest, IngestWideExport) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("wide.csv"), testing::kWideCsv);
  std::string report = dir.file("report.json");
  Outcome o = Sift(dir, {"ingest", csv, "--db", dir.file("db"), "--text", "Q*",
                         "--report", report});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  Json j = ParseJson(ReadFile(report));
  EXPECT_EQ(j.at("rows_read"), 4);
  EXPECT_EQ(j.at("respondents"), 3);
  EXPECT_EQ(j.at("indexed"), 3);
  ASSERT_EQ(j.at("rejected").size(), 1u);
  EXPECT_EQ(j["rejected"][0]["line"], 4);
  EXPECT_EQ(j["files"][0]["columns"]["id"], "Response ID");

  Outcome s = Sift(
      dir, {"search", "", "--db", dir.file("db"), "--json", "--sort", "date"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  Json r = ParseJson(s.out);
  EXPECT_EQ(r.at("total"), 3);
  Outcome p =
      Sift(dir, {"search", "potholes", "--db", dir.file("db"), "--json"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_EQ(ResultIds(ParseJson(p.out)), (Ids{"W1/q1_roads"}));
}

class SiftSearchE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("db");
    std::string csv = WriteFile(dir_.file("search.csv"), kSearchCsv);
    Outcome o = Sift(dir_, {"ingest", csv, "--db", db_, "-q"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
  }

  Json Search(std::vector<std::string> args) {
    args.insert(args.begin(), "search");
    args.insert(args.end(), {"--db", db_, "--json"});
    Outcome o = Sift(dir_, args);
    EXPECT_EQ(o.exit_code, 0) << o.err;
    return ParseJson(o.out);
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(SiftSearchE2eTest, RanksAndCounts) {
  // d1 matches two of the words, d7 one.
  Json j = Search({"road OR village OR broadband"});
  EXPECT_EQ(j.at("total"), 2);
  EXPECT_EQ(ResultIds(j), (Ids{"d1", "d7"}));
  EXPECT_EQ(j["results"][0]["rank"], 1);
  EXPECT_EQ(j["results"][1]["rank"], 2);
  EXPECT_GT(j["results"][0]["score"].get<double>(),
            j["results"][1]["score"].get<double>());
  EXPECT_NE(j["results"][0]["snippet"].get<std::string>().find("**road**"),
            std::string::npos);
  EXPECT_FALSE(j.contains("facets"));

  EXPECT_EQ(ResultIds(Search({"green", "--sort", "date"})),
            (Ids{"d2", "d6", "d3"}));
  EXPECT_EQ(ResultIds(Search({"green", "--sort", "-date"})),
            (Ids{"d3", "d6", "d2"}));
  Json page = Search({"", "--sort", "date", "--limit", "2", "--offset", "2"});
  EXPECT_EQ(page.at("total"), 7);
  EXPECT_EQ(ResultIds(page), (Ids{"d6", "d1"}));

  Json dup = Search({"is:duplicate"});
  ASSERT_EQ(dup.at("total"), 1);
  EXPECT_EQ(dup["results"][0]["id"], "d6");
  EXPECT_EQ(dup["results"][0]["duplicate_of"], "d2");
  EXPECT_TRUE(Search({"id:d2"})["results"][0]["duplicate_of"].is_null());
}

TEST_F(SiftSearchE2eTest, FacetsAndFilters) {
  Json j = Search({"green", "--facets"});
  EXPECT_EQ(j.at("total"), 3);
  ASSERT_TRUE(j.contains("facets"));
  EXPECT_EQ(
      j["facets"]["district"],
      (Json::array(
          {{{"value", "Watford"}, {"key", "watford"}, {"count", 2}},
           {{"value", "St Albans"}, {"key", "st_albans"}, {"count", 1}}})));
  EXPECT_EQ(j["facets"]["sector"][0]["key"], "resident");
  EXPECT_EQ(j["facets"]["sector"][0]["count"], 2);

  Json st_albans = Search({"", "--district", "St Albans"});
  EXPECT_EQ(st_albans.at("total"), 3);
  Ids ids = ResultIds(st_albans);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (Ids{"d1", "d2", "d5"}));
  EXPECT_EQ(Search({"", "--district", "ST. ALBANS", "--district", "watford"})
                .at("total"),
            5);
  EXPECT_EQ(Search({"green", "--district", "St Albans"}).at("total"), 1);
  EXPECT_EQ(Search({"", "--type", "A business", "--sector", "life_sciences"})
                .at("total"),
            2);
}

TEST_F(SiftSearchE2eTest, TextOutput) {
  Outcome o = Sift(dir_, {"search", "broadband", "--db", db_});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out.rfind("1 responses match; showing 1-1.\n", 0), 0u) << o.out;
  EXPECT_NE(o.out.find("  1. d7  (score "), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("**Broadband** speeds"), std::string::npos) << o.out;
  EXPECT_TRUE(o.err.empty()) << o.err;
}

TEST_F(SiftSearchE2eTest, BadQueryExitsOne) {
  Outcome o = Sift(dir_, {"search", "is:bogus", "--db", db_});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("bogus"), std::string::npos) << o.err;
  Outcome sort = Sift(dir_, {"search", "x", "--db", db_, "--sort", "sideways"});
  EXPECT_EQ(sort.exit_code, 1);
  EXPECT_FALSE(sort.err.empty());
}

TEST(SiftE2eErrorTest, ExitsOneWithMessage) {
  TempDir dir;
  std::string csv = WriteFile(dir.file("long.csv"), kLongCsv);
  std::string db = dir.file("db");
  struct Case {
    std::vector<std::string> args;
    std::string in_stderr;
  };
  const Case cases[] = {
      {{"ingest", dir.file("missing.csv"), "--db", db}, "no such file"},
      {{"ingest", csv, "--db", db, "--bogus"}, "--bogus"},
      {{"ingest", csv}, "--db"},
      {{"ingest", csv, "--db", db, "--map", "nonsense"},
       "expected FIELD=COLUMN"},
      {{"ingest", csv, "--db", db, "--map", "colour=x"},
       "unknown field 'colour'"},
      {{"ingest", csv, "--db", db, "--map", "text=Nope"}, "no column 'Nope'"},
      {{"search", "green", "--db", dir.file("nodb")}, "no sift database"},
      {{"search", "green"}, "--db"},
  };
  for (const Case& c : cases) {
    Outcome o = Sift(dir, c.args);
    std::string cmd;
    for (const auto& a : c.args) cmd += a + " ";
    EXPECT_EQ(o.exit_code, 1) << cmd;
    EXPECT_NE(o.err.find(c.in_stderr), std::string::npos)
        << cmd << "\nstderr: " << o.err;
    EXPECT_FALSE(std::filesystem::exists(db)) << cmd;
  }
}

TEST(SiftE2eDemoTest, DemoCorpusIngests) {
  TempDir dir;
  std::string csv =
      std::string(SIFT_SOURCE_DIR) + "/corpora/demo/hertfordshire_lis_2019.csv";
  std::string report = dir.file("report.json");
  Outcome o = Sift(dir, {"ingest", csv, "--db", dir.file("db"), "--text", "Q*",
                         "--report", report, "-q"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  Json j = ParseJson(ReadFile(report));
  // corpora/demo/README.md: 170 respondents, 560 answers, 2 blank rows.
  EXPECT_EQ(j.at("respondents"), 170);
  EXPECT_EQ(j.at("indexed"), 560);
  EXPECT_EQ(j.at("rows_read"), 562);
  EXPECT_EQ(
      j.at("rows_read").get<int>(),
      j.at("indexed").get<int>() + static_cast<int>(j.at("rejected").size()));
  ASSERT_EQ(j.at("rejected").size(), 2u);
  // HLIS-2019-0003 and -0004 start on lines 9 and 10.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(j["rejected"][i]["file"], csv);
    EXPECT_EQ(j["rejected"][i]["line"], 9 + i);
    EXPECT_EQ(j["rejected"][i]["reason"],
              "no answer in any of the 5 text columns");
  }
  // Three word-for-word campaign letters: at least two marked.
  EXPECT_GE(j.at("duplicates").get<int>(), 2);
  EXPECT_EQ(j["redactions"]["email"], 10);
  EXPECT_EQ(j["redactions"]["url"], 2);
  EXPECT_EQ(j["redactions"]["nino"], 2);
  EXPECT_EQ(j["redactions"]["phone"], 8);
  // Four postcodes, one of them ("WD3 4ZZ…") followed by U+2026.
  EXPECT_EQ(j["redactions"]["postcode"], 4);

  Outcome r = Sift(dir, {"search", "respondent:HLIS-2019-0003", "--db",
                         dir.file("db"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ParseJson(r.out).at("total"), 0);
  EXPECT_EQ(ParseJson(Sift(dir, {"search", "respondent:HLIS-2019-0001", "--db",
                                 dir.file("db"), "--json"})
                          .out)
                .at("total"),
            4);
}

}  // namespace
}  // namespace sift
