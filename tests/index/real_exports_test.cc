// Robustness on real third-party exports from ../shared/data (see each
// folder's PROVENANCE.md): every row is accounted for and the counts match
// what the provenance notes say the files hold. Skipped when ../shared is
// absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sift/index/indexer.h"
#include "sift/index/searcher.h"
#include "test_util.h"

namespace sift::index {
namespace {

namespace fs = std::filesystem;
using ::sift::testing::TempDir;

const fs::path kSharedData =
    fs::path(SIFT_SOURCE_DIR) / ".." / "shared" / "data";

std::int64_t CountReasonsStartingWith(const IngestReport& r,
                                      const std::string& prefix) {
  std::int64_t n = 0;
  for (const auto& x : r.rejected) n += x.reason.rfind(prefix, 0) == 0;
  return n;
}

TEST(RealExportsTest, EuAiWhitePaperConsultation) {
  fs::path csv = kSharedData / "eu_ai_whitepaper_consultation_2020" /
                 "Public_consultation_2020.names_removed.csv";
  if (!fs::exists(csv)) GTEST_SKIP() << "no " << csv << " (../shared absent)";
  TempDir dir;
  IngestOptions o;
  o.db_path = dir.file("db");
  // The 18 free-text columns (PROVENANCE.md; 1-based here). Three of them
  // share the header "Other, please specify:".
  for (int c : {19, 26, 30, 36, 43, 45, 47, 49, 50, 58, 60, 62, 63, 65, 67, 69,
                71, 72}) {
    o.read.mapping.text_columns.push_back(
        std::string("#").append(std::to_string(c)));
  }
  auto r = IngestFiles({csv.string()}, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->respondents, 1216);
  // 6,650 answers (PROVENANCE.md), 313 respondents who answered none, and
  // 41 cells that a spreadsheet turned into #NAME?.
  EXPECT_EQ(r->indexed, 6650);
  EXPECT_EQ(CountReasonsStartingWith(*r, "no answer in any"), 313);
  EXPECT_EQ(CountReasonsStartingWith(*r, "cell holds the spreadsheet error"),
            41);
  EXPECT_EQ(r->rows_read,
            r->indexed + static_cast<std::int64_t>(r->rejected.size()));
  // Transparency-register numbers (0123456789-30) are not phone numbers.
  EXPECT_EQ(r->redactions.by_kind[static_cast<int>(ingest::PiiKind::kPhone)],
            0);
  auto s = Searcher::Open(o.db_path);
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "\"high risk\" AND liability";
  req.facets = true;
  auto found = s->Search(req);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_GT(found->total, 10);
  bool repeated_header_kept_apart = false;
  for (const auto& f : found->facets["question"]) {
    repeated_header_kept_apart |=
        f.label == "Other, please specify: [column 47]";
  }
  EXPECT_TRUE(repeated_header_kept_apart);
}

TEST(RealExportsTest, RegulationsGovComments) {
  fs::path folder = kSharedData / "regulations_gov_comments_cdo_council";
  if (!fs::exists(folder)) GTEST_SKIP() << "no " << folder;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.path().extension() == ".csv") files.push_back(e.path().string());
  }
  ASSERT_EQ(files.size(), 9u);
  TempDir dir;
  IngestOptions o;
  o.db_path = dir.file("db");
  auto r = IngestFiles(files, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows_read, 4026);
  EXPECT_EQ(r->indexed, 4024);
  EXPECT_EQ(CountReasonsStartingWith(*r, "cell holds the spreadsheet error"),
            2);
  EXPECT_GT(r->duplicates, 1000);  // heavy exact duplication, as documented
}

}  // namespace
}  // namespace sift::index
