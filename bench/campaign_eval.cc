// Evaluates campaign detection (sift/ingest/campaigns.h) on the US
// regulations.gov comment files, and times it on a synthetic corpus.
//
//   sift_campaign_eval DATA_DIR [--spot-check] [--synthetic N]
//                      [--shingle K] [--hashes H] [--bands B]
//                      [--threshold T] [--min-words W] [--min-members M]
//
// DATA_DIR holds the nine CSV files of ../shared/data/regulations_gov_
// comments_cdo_council. Each file is read with sift's own ResponseReader
// (text=text, id=name), so texts are normalised and redacted as in
// production, and searched for campaigns on its own. Rows are keyed by file
// and row: the `name` ids repeat in the Ohio file.
//
// Ground truth is exact groups: rows whose analysis text is equal after case
// folding, within a file. Printed per file and in total:
//   - pairwise precision of the campaigns against exact groups, strict, and
//     near-duplicate (a predicted pair also counts when its exact shingle
//     Jaccard is >= the threshold: LSH and clustering invented no merge);
//   - pairwise recall over all exact groups of size >= 2, and over those
//     whose text has >= min_words words (the only ones that can be found);
//   - the same for an unguarded baseline: single linkage over exact Jaccard
//     >= threshold, groups of >= min_members (what union-find alone gives);
//   - agreement (pairwise P/R) with the pilot's `comp` and `clust` columns.
// --spot-check prints the five largest campaigns per file: size, the
// template's first 150 characters and two members' personal additions.
// It prints commenters' words: keep its output out of the repository.
// --synthetic N times Add()+Find() on N responses made from the files' texts
// (copies, word substitutions, added sentences, shuffles, own-words texts).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "campaign_scoring.h"
#include "campaign_timing.h"
#include "sift/ingest/campaigns.h"
#include "sift/ingest/normalizer.h"
#include "sift/ingest/response.h"

namespace {

namespace ingest = sift::ingest;
using sift::bench::Counts;
using sift::bench::FileEval;
using sift::bench::FindNearPairs;
using sift::bench::Label;
using sift::bench::PairAgreement;
using sift::bench::Ratio;
using sift::bench::Row;
using sift::bench::Score;
using sift::bench::SingleLinkage;

std::string Metadata(const ingest::Response& r, const std::string& key) {
  for (const auto& [k, v] : r.metadata) {
    if (k == key) return v;
  }
  return "";
}

bool ReadFile(const std::string& path, std::vector<Row>* rows) {
  ingest::ResponseReaderOptions options;
  options.mapping.explicit_columns = {{"text", "text"}, {"id", "name"}};
  auto reader = ingest::ResponseReader::Open(path, options);
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
    return false;
  }
  ingest::ResponseItem item;
  while (reader->Next(&item).ok() &&
         item.kind != ingest::ResponseItem::Kind::kEnd) {
    if (item.kind != ingest::ResponseItem::Kind::kResponse) continue;
    const ingest::Response& r = item.response;
    rows->push_back(
        {r.text, r.display_text, Metadata(r, "comp"), Metadata(r, "clust")});
  }
  return true;
}

std::string Oneline(std::string s, std::size_t max) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (s.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
      --cut;
    s = s.substr(0, cut).append("...");
  }
  return s;
}

void SpotCheck(const FileEval& f, const std::vector<ingest::Campaign>& found) {
  for (std::size_t c = 0; c < found.size() && c < 5; ++c) {
    const ingest::Campaign& campaign = found[c];
    const std::string& tmpl = f.rows[campaign.template_index].display;
    std::printf("  #%zu %s size %zu: \"%s\"\n", c + 1, campaign.id.c_str(),
                campaign.members.size(), Oneline(tmpl, 150).c_str());
    int shown = 0;
    for (std::size_t m : campaign.members) {
      auto additions = ingest::PersonalAdditions(tmpl, f.rows[m].display);
      if (additions.empty() || shown == 2) continue;
      std::string joined;
      for (const auto& a : additions)
        joined.append(joined.empty() ? "" : " | ").append(a);
      std::printf("     member %zu (J=%.2f): %s\n", m,
                  ingest::ShingleJaccard(tmpl, f.rows[m].display,
                                         f.options.shingle_words),
                  Oneline(joined, 300).c_str());
      ++shown;
    }
  }
}

struct Totals {
  Counts found, with_repeated, baseline;
  double rows = 0, campaigns = 0, members = 0, below = 0;
};

void PrintCounts(const char* name, const Counts& c) {
  std::printf(
      "  %-9s pairs %8.0f  P strict %.3f  P near %.3f  R all %.3f  R long %.3f"
      "  R near %.3f\n",
      name, c.predicted, Ratio(c.both, c.predicted),
      Ratio(c.near_ok, c.predicted), Ratio(c.both, c.truth),
      Ratio(c.both_long, c.truth_long), Ratio(c.near_found, c.near_truth));
}

std::vector<int> CampaignLabels(std::size_t n,
                                const std::vector<ingest::Campaign>& found) {
  std::vector<int> labels(n, -1);
  for (std::size_t c = 0; c < found.size(); ++c) {
    for (std::size_t m : found[c].members) labels[m] = static_cast<int>(c);
  }
  return labels;
}

// CampaignLabels, plus a label per repeated short answer (not campaigns:
// sift lists them apart, for the analyst's notice).
std::vector<int> GroupLabels(
    std::size_t n, const std::vector<ingest::Campaign>& found,
    const std::vector<ingest::RepeatedAnswer>& repeated) {
  std::vector<int> labels = CampaignLabels(n, found);
  for (std::size_t r = 0; r < repeated.size(); ++r) {
    for (std::size_t m : repeated[r].members) {
      labels[m] = static_cast<int>(found.size() + r);
    }
  }
  return labels;
}

// Members whose exact Jaccard to their template is below the threshold.
double BelowThreshold(const FileEval& f,
                      const std::vector<ingest::Campaign>& found) {
  double below = 0;
  for (const auto& c : found) {
    for (std::size_t m : c.members) {
      const double j =
          ingest::ShingleJaccard(f.rows[c.template_index].text, f.rows[m].text,
                                 f.options.shingle_words);
      below += j < f.options.min_similarity;
    }
  }
  return below;
}

void EvaluateFile(const std::string& name, FileEval& f, bool spot, Totals* t) {
  std::vector<std::string> keys;
  for (const Row& r : f.rows) {
    keys.push_back(ingest::CaseFold(r.text));
    f.long_text.push_back(ingest::CampaignWords(r.text).size() >=
                          static_cast<std::size_t>(f.options.min_words));
  }
  f.exact = Label(keys);
  FindNearPairs(&f);
  ingest::CampaignFinder finder(f.options);
  for (const Row& r : f.rows) finder.Add(r.text);
  const auto found = finder.Find();
  const auto labels = CampaignLabels(f.rows.size(), found);
  Counts mine = Score(f, labels), base = Score(f, SingleLinkage(f));
  const auto repeated = finder.FindRepeated();
  Counts grouped = Score(f, GroupLabels(f.rows.size(), found, repeated));
  double members = 0;
  for (const auto& c : found) members += static_cast<double>(c.members.size());
  const double below = BelowThreshold(f, found);
  std::printf(
      "%s: %zu rows, %zu campaigns (%.0f members, %.0f below threshold to "
      "template)\n",
      name.c_str(), f.rows.size(), found.size(), members, below);
  PrintCounts("campaigns", mine);
  PrintCounts("+repeated", grouped);
  PrintCounts("baseline", base);
  std::vector<std::string> comp, clust;
  for (const Row& r : f.rows) comp.push_back(r.comp), clust.push_back(r.clust);
  auto [cp, cr] = PairAgreement(labels, Label(comp));
  auto [kp, kr] = PairAgreement(labels, Label(clust));
  std::printf("  vs pilot comp P %.3f R %.3f; vs pilot clust P %.3f R %.3f\n",
              cp, cr, kp, kr);
  if (spot) SpotCheck(f, found);
  t->found += mine, t->with_repeated += grouped, t->baseline += base;
  t->rows += static_cast<double>(f.rows.size()),
      t->campaigns += static_cast<double>(found.size());
  t->members += members, t->below += below;
}

struct Flags {
  ingest::CampaignOptions options;
  bool spot = false;
  long synthetic = 0;
};

// Parses argv[2...]; false (with a message) on a bad flag.
bool ParseFlags(int argc, char** argv, Flags* flags) {
  ingest::CampaignOptions& o = flags->options;
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--spot-check") {
      flags->spot = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n", argv[i]);
      return false;
    }
    const char* v = argv[++i];
    if (flag == "--synthetic") {
      flags->synthetic = std::atol(v);
    } else if (flag == "--shingle") {
      o.shingle_words = std::atoi(v);
    } else if (flag == "--hashes") {
      o.num_hashes = std::atoi(v);
    } else if (flag == "--bands") {
      o.bands = std::atoi(v);
    } else if (flag == "--threshold") {
      o.min_similarity = std::atof(v);
    } else if (flag == "--min-words") {
      o.min_words = std::atoi(v);
    } else if (flag == "--min-members") {
      o.min_members = std::atoi(v);
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return false;
    }
  }
  if (auto s = ingest::ValidateCampaignOptions(o); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (argc < 2 || !ParseFlags(argc, argv, &flags)) {
    std::fprintf(
        stderr,
        "usage: sift_campaign_eval DATA_DIR [--spot-check] [--synthetic N] "
        "[--shingle K] [--hashes H] [--bands B] [--threshold T] "
        "[--min-words W] [--min-members M]\n");
    return 1;
  }
  const std::filesystem::path dir = argv[1];
  if (!std::filesystem::is_directory(dir)) {
    std::printf("skipped: %s not found\n", dir.c_str());
    return 0;
  }
  const ingest::CampaignOptions& options = flags.options;
  std::printf(
      "options: shingle %d, hashes %d, bands %d, threshold %.2f, min_words %d, "
      "min_members %d\n",
      options.shingle_words, options.num_hashes, options.bands,
      options.min_similarity, options.min_words, options.min_members);
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".csv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  Totals totals;
  std::vector<std::string> texts;
  for (const auto& path : files) {
    FileEval f;
    f.options = options;
    if (!ReadFile(path.string(), &f.rows)) return 1;
    EvaluateFile(path.filename().string(), f, flags.spot, &totals);
    for (const Row& r : f.rows) texts.push_back(r.text);
  }
  std::printf(
      "TOTAL: %zu files, %.0f rows, %.0f campaigns, %.0f members, %.0f below "
      "threshold to their template (member precision %.3f)\n",
      files.size(), totals.rows, totals.campaigns, totals.members, totals.below,
      1 - Ratio(totals.below, totals.members));
  PrintCounts("campaigns", totals.found);
  PrintCounts("+repeated", totals.with_repeated);
  PrintCounts("baseline", totals.baseline);
  if (flags.synthetic > 0) {
    sift::bench::TimeSynthetic(texts, flags.synthetic, options);
  }
  return 0;
}
