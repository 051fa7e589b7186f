// Tests for sift::index::Searcher over a real Xapian database built once
// from a small fixture by IngestFiles().
#include "sift/index/searcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sift/index/indexer.h"
#include "test_util.h"

namespace sift::index {
namespace {

using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;
using Ids = std::vector<std::string>;

// Seven indexed responses (d8 is rejected: empty text). d6 repeats d2.
// Dates ascending: d4 d2 d6 d1 d7 d3 d5.
constexpr char kFixture[] =
    "id,date,respondent type,organisation,sector,district,question,response\n"
    "d1,2019-03-05,An individual / resident,,resident,St Albans,Transport,"
    "The road through the village needs repair.\n"
    "d2,2019-03-01,An individual / resident,,resident,st. albans,Planning,"
    "Protect the green belt from development.\n"
    "d3,2019-04-10,A business,Acme Pharma Ltd,pharma,Watford,Planning,"
    "Belt and braces: the green agenda matters.\n"
    "d4,2019-02-20,A business,Swift Haulage,haulage,Dacorum,Transport,"
    "Bus services are poor; buses rarely run on Sundays.\n"
    "d5,2019-05-01,A business,Green Pharma Ltd,Pharma,St Albans,Transport,"
    "Contact me at jane@example.com about the busway.\n"
    "d6,2019-03-02,An individual / resident,,resident,Watford,Planning,"
    "Protect the green belt from development.\n"
    "d7,2019-03-15,A local authority,North Hertfordshire District Council,,"
    "North Herts,Digital,Broadband speeds in rural areas are too slow.\n"
    "d8,2019-03-16,An individual / resident,,,Watford,Digital,\n";

SearchRequest Req(const std::string& query) {
  SearchRequest req;
  req.query = query;
  return req;
}

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string csv = WriteFile(dir_->file("fixture.csv"), kFixture);
    IngestOptions o;
    o.db_path = dir_->file("db");
    auto sectors =
        ingest::SectorMapper::Load(SIFT_SOURCE_DIR "/models/sectors.tsv");
    ASSERT_TRUE(sectors.ok()) << sectors.status().ToString();
    o.read.sectors.emplace(std::move(sectors).value());
    auto report = IngestFiles({csv}, o);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->indexed, 7);
    ASSERT_EQ(report->rejected.size(), 1u);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    auto s = Searcher::Open(dir_->file("db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    searcher_ = std::make_unique<Searcher>(std::move(s.value()));
  }

  Result<SearchResult> Run(SearchRequest req) { return searcher_->Search(req); }

  SearchResult Query(const std::string& q, std::int64_t limit = 10) {
    SearchRequest req;
    req.query = q;
    req.limit = limit;
    auto r = Run(req);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().ToString();
    return r.ok() ? r.value() : SearchResult{};
  }

  // Matching ids in id order, whatever the ranking.
  Ids Matches(const std::string& q) {
    SearchResult r = Query(q, 100);
    EXPECT_EQ(r.total, static_cast<std::int64_t>(r.hits.size())) << q;
    Ids ids;
    for (const auto& h : r.hits) ids.push_back(h.response.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static Ids RankedIds(const SearchResult& r) {
    Ids ids;
    for (const auto& h : r.hits) ids.push_back(h.response.id);
    return ids;
  }

  static TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};

TempDir* SearcherTest::dir_ = nullptr;

TEST_F(SearcherTest, StemsQueryWords) {
  EXPECT_EQ(Matches("roads"), (Ids{"d1"}));
  EXPECT_EQ(Matches("repairing"), (Ids{"d1"}));
  EXPECT_EQ(Matches("bus"), (Ids{"d4"}));  // "Bus", "buses"
}

TEST_F(SearcherTest, Phrase) {
  EXPECT_EQ(Matches("\"green belt\""), (Ids{"d2", "d6"}));
  EXPECT_EQ(Matches("green belt"), (Ids{"d2", "d3", "d6"}));
}

TEST_F(SearcherTest, BooleanOperators) {
  EXPECT_EQ(Matches("green AND belt"), (Ids{"d2", "d3", "d6"}));
  EXPECT_EQ(Matches("green OR bus"), (Ids{"d2", "d3", "d4", "d6"}));
  EXPECT_EQ(Matches("green NOT braces"), (Ids{"d2", "d6"}));
  EXPECT_EQ(Matches("NOT green"), (Ids{"d1", "d4", "d5", "d7"}));
  EXPECT_EQ(Matches("green -braces"), (Ids{"d2", "d6"}));
}

TEST_F(SearcherTest, Wildcard) {
  EXPECT_EQ(Matches("bus*"), (Ids{"d4", "d5"}));  // bus, buses, busway
  EXPECT_EQ(Matches("broadb*"), (Ids{"d7"}));
}

TEST_F(SearcherTest, FieldPrefixes) {
  // "pharma" as typed maps to the canonical life_sciences.
  EXPECT_EQ(Matches("sector:life_sciences"), (Ids{"d3", "d5"}));
  EXPECT_EQ(Matches("sector:LIFE_SCIENCES"), (Ids{"d3", "d5"}));
  EXPECT_EQ(Matches("sector:pharma"), Ids{});
  EXPECT_EQ(Matches("district:\"St Albans\""), (Ids{"d1", "d2", "d5"}));
  EXPECT_EQ(Matches("district:\"st. albans\""), (Ids{"d1", "d2", "d5"}));
  EXPECT_EQ(Matches("district:\"ST ALBANS\" green"), (Ids{"d2"}));
  EXPECT_EQ(Matches("district:watford"), (Ids{"d3", "d6"}));
  EXPECT_EQ(Matches("question:transport"), (Ids{"d1", "d4", "d5"}));
  EXPECT_EQ(Matches("type:\"A business\""), (Ids{"d3", "d4", "d5"}));
  EXPECT_EQ(Matches("org:pharma"), (Ids{"d3", "d5"}));
  EXPECT_EQ(Matches("org:council"), (Ids{"d7"}));
  EXPECT_EQ(Matches("is:duplicate"), (Ids{"d6"}));
  EXPECT_EQ(Matches("is:original").size(), 6u);
  EXPECT_EQ(Matches("redacted:email"), (Ids{"d5"}));
  EXPECT_EQ(Matches("id:d4"), (Ids{"d4"}));
  // Organisation words and placeholders are not text terms.
  EXPECT_EQ(Matches("pharma"), Ids{});
  EXPECT_EQ(Matches("email"), Ids{});
  EXPECT_EQ(Matches("example"), Ids{});
}

TEST_F(SearcherTest, DuplicateHitNamesItsOriginal) {
  SearchResult r = Query("id:d6");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].duplicate_of, "d2");
  EXPECT_EQ(Query("id:d2").hits.at(0).duplicate_of, "");
}

TEST_F(SearcherTest, FiltersOrWithinFieldAndAcrossFields) {
  SearchRequest req;
  req.limit = 100;
  req.filters["district"] = {"St Albans", "WATFORD"};
  auto r = Run(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->total, 5);
  req.filters["sector"] = {"resident"};
  r = Run(req);
  ASSERT_TRUE(r.ok());
  Ids ids = RankedIds(r.value());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (Ids{"d1", "d2", "d6"}));
  req.query = "green";
  r = Run(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 2);

  SearchRequest by_type;
  by_type.filters["type"] = {"a business"};
  r = Run(by_type);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 3);
  SearchRequest by_field;
  by_field.filters["respondent_type"] = {"A local authority"};
  by_field.filters["question"] = {"digital"};
  r = Run(by_field);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(RankedIds(r.value()), (Ids{"d7"}));
}

TEST_F(SearcherTest, UnknownFilterFieldIsInvalidArgument) {
  SearchRequest req;
  req.filters["colour"] = {"green"};
  auto r = Run(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("colour"), std::string::npos);
}

// This database was built without a model: asking for theme sentiment is
// an error that says so, never an empty result.
TEST_F(SearcherTest, ThemeSentimentWithoutItsTermsIsInvalidArgument) {
  SearchRequest filtered;
  filtered.filters["theme_sentiment"] = {"ideas:positive"};
  SearchRequest sorted;
  sorted.sort = SortOrder::kThemeSentimentAscending;
  sorted.sort_label = "ideas";
  for (const SearchRequest& req : {filtered, sorted, Req("negative:ideas")}) {
    auto r = Run(req);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find("theme sentiment"), std::string::npos)
        << r.status().ToString();
  }
  SearchRequest facets;
  facets.facets = true;
  auto r = Run(facets);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->facets.count("theme_sentiment"), 0u);
}

TEST_F(SearcherTest, EmptyQueryMatchesAllWithExactTotal) {
  for (const char* q : {"", "   "}) {
    SearchResult r = Query(q, 2);
    EXPECT_EQ(r.total, 7) << "'" << q << "'";
    EXPECT_EQ(r.hits.size(), 2u);
  }
  EXPECT_EQ(searcher_->document_count(), 7);
}

TEST_F(SearcherTest, SortsByDateBothWays) {
  SearchRequest req;
  req.limit = 100;
  req.sort = SortOrder::kDateAscending;
  auto asc = Run(req);
  ASSERT_TRUE(asc.ok());
  EXPECT_EQ(RankedIds(asc.value()),
            (Ids{"d4", "d2", "d6", "d1", "d7", "d3", "d5"}));
  req.sort = SortOrder::kDateDescending;
  auto desc = Run(req);
  ASSERT_TRUE(desc.ok());
  EXPECT_EQ(RankedIds(desc.value()),
            (Ids{"d5", "d3", "d7", "d1", "d6", "d2", "d4"}));
  req.query = "green";
  auto green = Run(req);
  ASSERT_TRUE(green.ok());
  EXPECT_EQ(RankedIds(green.value()), (Ids{"d3", "d6", "d2"}));
}

TEST_F(SearcherTest, PagesWithLimitAndOffset) {
  SearchRequest req;
  req.sort = SortOrder::kDateAscending;
  req.limit = 3;
  req.offset = 3;
  auto page = Run(req);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 7);
  EXPECT_EQ(RankedIds(page.value()), (Ids{"d1", "d7", "d3"}));
  ASSERT_EQ(page->hits.size(), 3u);
  EXPECT_EQ(page->hits[0].rank, 4);
  EXPECT_EQ(page->hits[2].rank, 6);
  req.offset = 6;
  auto last = Run(req);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(RankedIds(last.value()), (Ids{"d5"}));
  EXPECT_EQ(last->hits[0].rank, 7);
  req.offset = 10;
  auto past = Run(req);
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(past->total, 7);
  EXPECT_TRUE(past->hits.empty());
  req.offset = -1;
  auto negative = Run(req);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), Status::Code::kInvalidArgument);
}

TEST_F(SearcherTest, RanksByRelevance) {
  // d4 has "bus" twice (Bus, buses); d5 matches only through the wildcard.
  SearchResult r = Query("bus OR busway");
  EXPECT_EQ(r.total, 2);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].rank, 1);
  EXPECT_GT(r.hits[0].score, 0);
  EXPECT_GE(r.hits[0].score, r.hits[1].score);
}

TEST_F(SearcherTest, FacetsCountWholeMatchingSetWithLabels) {
  SearchRequest req;
  req.query = "green";
  req.limit = 1;  // facets still cover all three matches
  req.facets = true;
  auto r = Run(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 3);
  ASSERT_EQ(r->facets.size(), 6u);  // no sentiment or campaign values here
  const auto& district = r->facets.at("district");
  ASSERT_EQ(district.size(), 2u);
  EXPECT_EQ(district[0].key, "watford");
  EXPECT_EQ(district[0].label, "Watford");
  EXPECT_EQ(district[0].count, 2);
  EXPECT_EQ(district[1].key, "st_albans");
  EXPECT_EQ(district[1].label, "St Albans");  // 2 of 3 wrote it so
  EXPECT_EQ(district[1].count, 1);
  const auto& sector = r->facets.at("sector");
  ASSERT_EQ(sector.size(), 2u);
  EXPECT_EQ(sector[0].key, "resident");
  EXPECT_EQ(sector[0].count, 2);
  EXPECT_EQ(sector[1].key, "life_sciences");
  EXPECT_EQ(sector[1].count, 1);
  const auto& question = r->facets.at("question");
  ASSERT_EQ(question.size(), 1u);
  EXPECT_EQ(question[0].label, "Planning");
  EXPECT_EQ(question[0].count, 3);
  const auto& type = r->facets.at("respondent_type");
  ASSERT_EQ(type.size(), 2u);
  EXPECT_EQ(type[0].key, "an_individual_resident");
  EXPECT_EQ(type[0].label, "An individual / resident");
  EXPECT_EQ(type[0].count, 2);

  req.facets = false;
  auto none = Run(req);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->facets.empty());
}

TEST_F(SearcherTest, SnippetsMarkMatchedTerms) {
  SearchResult roads = Query("roads");
  ASSERT_EQ(roads.hits.size(), 1u);
  EXPECT_NE(roads.hits[0].snippet.find("**road**"), std::string::npos)
      << roads.hits[0].snippet;
  SearchResult broadband = Query("broadband");
  ASSERT_EQ(broadband.hits.size(), 1u);
  EXPECT_EQ(broadband.hits[0].snippet,
            "**Broadband** speeds in rural areas are too slow.");
  EXPECT_EQ(broadband.hits[0].response.display_text,
            "Broadband speeds in rural areas are too slow.");
}

TEST_F(SearcherTest, MalformedQueriesNeverCrash) {
  auto bad_state = Run(Req("is:bogus"));
  ASSERT_FALSE(bad_state.ok());
  EXPECT_EQ(bad_state.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad_state.status().message().find("bogus"), std::string::npos);
  // Xapian's parser may recover from these; either way a clear answer.
  for (const char* q : {"\"unbalanced", "AND OR (", "(green", "green)", "*",
                        "district:", "\"\"", "NOT", "-", "bus* AND"}) {
    auto r = Run(Req(q));
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << q;
      EXPECT_FALSE(r.status().message().empty()) << q;
    }
  }
  auto unbalanced = Run(Req("\"green belt"));
  ASSERT_TRUE(unbalanced.ok());
  EXPECT_EQ(unbalanced->total, 2);
}

TEST(SearcherOpenTest, MissingDatabaseIsNotFound) {
  TempDir dir;
  auto s = Searcher::Open(dir.file("nothing-here"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kNotFound);
  EXPECT_NE(s.status().message().find(dir.file("nothing-here")),
            std::string::npos);
}

TEST(SearcherOpenTest, DirectoryThatIsNotADatabaseIsAnError) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("plain"));
  WriteFile(dir.file("plain/notes.txt"), "not a database\n");
  auto s = Searcher::Open(dir.file("plain"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(dir.file("plain")), std::string::npos)
      << s.status().message();
  WriteFile(dir.file("file.db"), "junk");
  EXPECT_FALSE(Searcher::Open(dir.file("file.db")).ok());
}

}  // namespace
}  // namespace sift::index
