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
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "sift/ingest/campaigns.h"
#include "sift/ingest/normalizer.h"
#include "sift/ingest/response.h"

namespace {

namespace ingest = sift::ingest;

struct Row {
  std::string text;     // analysis form
  std::string display;  // display form
  std::string comp, clust;
};

struct Counts {  // pair counts
  double predicted = 0, truth = 0, truth_long = 0, both = 0, both_long = 0,
         near_ok = 0, near_truth = 0, near_found = 0;
  void operator+=(const Counts& o) {
    predicted += o.predicted, truth += o.truth, truth_long += o.truth_long;
    both += o.both, both_long += o.both_long, near_ok += o.near_ok;
    near_truth += o.near_truth, near_found += o.near_found;
  }
};

double Pairs(double n) { return n * (n - 1) / 2; }
double Ratio(double a, double b) { return b == 0 ? 1.0 : a / b; }

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

// Group labels: rows with equal keys share a label.
std::vector<int> Label(const std::vector<std::string>& keys) {
  std::unordered_map<std::string, int> ids;
  std::vector<int> labels;
  for (const std::string& k : keys) {
    labels.push_back(
        ids.try_emplace(k, static_cast<int>(ids.size())).first->second);
  }
  return labels;
}

// Pairwise precision/recall of `predicted` (label per row, -1 = none)
// against `truth` (label per row; singletons allowed).
std::pair<double, double> PairAgreement(const std::vector<int>& predicted,
                                        const std::vector<int>& truth) {
  std::map<int, double> p, t;
  std::map<std::pair<int, int>, double> joint;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] >= 0) ++t[truth[i]];
    if (predicted[i] < 0) continue;
    ++p[predicted[i]];
    if (truth[i] >= 0) ++joint[{predicted[i], truth[i]}];
  }
  double pp = 0, tp = 0, both = 0;
  for (auto& [k, n] : p) pp += Pairs(n);
  for (auto& [k, n] : t) tp += Pairs(n);
  for (auto& [k, n] : joint) both += Pairs(n);
  return {Ratio(both, pp), Ratio(both, tp)};
}

struct FileEval {
  std::vector<Row> rows;
  std::vector<int> exact;      // exact-group label per row
  std::vector<int> long_text;  // 1 when the row has >= min_words words
  // Pairs of rows heading distinct exact groups of long texts whose exact
  // shingle Jaccard is >= the threshold, with the product of group sizes.
  struct Edge {
    std::size_t a, b;
    double pairs;
  };
  std::vector<Edge> near;
  ingest::CampaignOptions options;
};

// Pair counts for `labels` (campaign per row, -1 = none).
Counts Score(const FileEval& f, const std::vector<int>& labels) {
  Counts c;
  std::map<int, std::map<int, double>> by_campaign;  // campaign -> exact -> n
  std::map<int, double> exact_size;
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    ++exact_size[f.exact[i]];
    if (labels[i] >= 0) ++by_campaign[labels[i]][f.exact[i]];
  }
  std::map<int, std::size_t> first_row;
  for (std::size_t i = 0; i < f.rows.size(); ++i)
    first_row.try_emplace(f.exact[i], i);
  for (auto& [g, n] : exact_size) {
    c.truth += Pairs(n);
    if (f.long_text[first_row[g]]) c.truth_long += Pairs(n);
  }
  for (auto& [campaign, groups] : by_campaign) {
    double size = 0;
    for (auto& [g, n] : groups) {
      size += n;
      c.both += Pairs(n);
      c.near_ok += Pairs(n);  // exact pairs are correct
      if (f.long_text[first_row[g]]) c.both_long += Pairs(n);
    }
    c.predicted += Pairs(size);
    for (auto a = groups.begin(); a != groups.end(); ++a) {
      for (auto b = std::next(a); b != groups.end(); ++b) {
        const double j = ingest::ShingleJaccard(
            f.rows[first_row[a->first]].text, f.rows[first_row[b->first]].text,
            f.options.shingle_words);
        if (j >= f.options.min_similarity) c.near_ok += a->second * b->second;
      }
    }
  }
  c.near_truth = c.truth_long, c.near_found = c.both_long;
  for (const auto& e : f.near) {
    c.near_truth += e.pairs;
    if (labels[e.a] >= 0 && labels[e.a] == labels[e.b]) c.near_found += e.pairs;
  }
  return c;
}

// A text's shingles as sorted hashes: the set ShingleJaccard() compares,
// precomputed for the all-pairs baseline.
std::vector<std::size_t> Shingles(const std::string& text, int k) {
  const std::vector<std::string> words = ingest::CampaignWords(text);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i + static_cast<std::size_t>(k) <= words.size();
       ++i) {
    std::string shingle;
    for (int j = 0; j < k; ++j) shingle.append(words[i + j]).push_back(' ');
    out.push_back(std::hash<std::string>()(shingle));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const std::vector<std::size_t>& a,
               const std::vector<std::size_t>& b) {
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j])
      ++common, ++i, ++j;
    else if (a[i] < b[j])
      ++i;
    else
      ++j;
  }
  return static_cast<double>(common) /
         static_cast<double>(a.size() + b.size() - common);
}

// Fills f->near: all pairs of distinct long texts at or above threshold.
void FindNearPairs(FileEval* f) {
  std::vector<std::size_t> reps;  // first row of each long exact group
  std::vector<std::vector<std::size_t>> shingles;
  std::map<int, double> copies;
  for (std::size_t i = 0; i < f->rows.size(); ++i) {
    if (f->long_text[i] && copies[f->exact[i]]++ == 0) {
      reps.push_back(i);
      shingles.push_back(Shingles(f->rows[i].text, f->options.shingle_words));
    }
  }
  for (std::size_t a = 0; a < reps.size(); ++a) {
    for (std::size_t b = a + 1; b < reps.size(); ++b) {
      if (Jaccard(shingles[a], shingles[b]) >= f->options.min_similarity) {
        f->near.push_back(
            {reps[a], reps[b],
             copies[f->exact[reps[a]]] * copies[f->exact[reps[b]]]});
      }
    }
  }
}

// Unguarded baseline: connected components of f.near (union-find alone),
// of >= min_members rows.
std::vector<int> SingleLinkage(const FileEval& f) {
  std::vector<std::size_t> parent(f.rows.size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto root = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::map<int, std::size_t> head;  // exact group -> first row
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    if (f.long_text[i])
      parent[i] = root(head.try_emplace(f.exact[i], i).first->second);
  }
  for (const auto& e : f.near) parent[root(e.a)] = root(e.b);
  std::vector<int> labels(f.rows.size(), -1);
  std::map<std::size_t, std::size_t> size;
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    if (f.long_text[i]) ++size[root(i)];
  }
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    if (f.long_text[i] &&
        size[root(i)] >= static_cast<std::size_t>(f.options.min_members)) {
      labels[i] = static_cast<int>(root(i));
    }
  }
  return labels;
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

// One synthetic response made from the corpus texts.
std::string Synthesize(const std::vector<std::string>& texts,
                       std::mt19937_64& rng) {
  auto index = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[index(v.size())];
  };
  auto words = [](const std::string& s) {
    std::vector<std::string> w;
    for (std::size_t i = 0, j; i < s.size(); i = j + 1) {
      j = s.find(' ', i);
      if (j == std::string::npos) j = s.size();
      if (j > i) w.push_back(s.substr(i, j - i));
    }
    return w;
  };
  const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
  std::string text = pick(texts);
  if (kind < 4) return text;  // a copy
  std::vector<std::string> w = words(text);
  if (w.empty()) return text;
  if (kind < 6) {  // a few words substituted
    for (int i = std::uniform_int_distribution<int>(1, 5)(rng); i > 0; --i) {
      const std::vector<std::string> other = words(pick(texts));
      if (!other.empty()) w[index(w.size())] = pick(other);
    }
  } else if (kind < 8) {  // a sentence of one's own added
    auto other = words(pick(texts));
    std::size_t n = std::min<std::size_t>(other.size(), 25);
    w.insert(kind == 6 ? w.begin() : w.end(), other.begin(), other.begin() + n);
  } else if (kind < 9) {  // halves swapped
    std::rotate(w.begin(), w.begin() + w.size() / 2, w.end());
  } else {  // own words: runs of several texts
    w.clear();
    for (int i = 0; i < 4; ++i) {
      auto other = words(pick(texts));
      std::size_t from = other.size() / 3,
                  n = std::min<std::size_t>(other.size() - from, 30);
      w.insert(w.end(), other.begin() + from, other.begin() + from + n);
    }
  }
  std::string out;
  for (const auto& s : w) out.append(out.empty() ? "" : " ").append(s);
  return out;
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void TimeSynthetic(const std::vector<std::string>& texts, long n,
                   const ingest::CampaignOptions& options) {
  std::mt19937_64 rng(2019);
  ingest::CampaignFinder finder(options);
  const long rss_before = PeakRssKb();
  double add_seconds = 0;
  double bytes = 0;
  for (long i = 0; i < n; ++i) {
    const std::string text = Synthesize(texts, rng);
    bytes += static_cast<double>(text.size());
    const auto start = std::chrono::steady_clock::now();
    finder.Add(text);
    add_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  }
  const auto start = std::chrono::steady_clock::now();
  const auto found = finder.Find();
  const double find_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  double members = 0;
  for (const auto& c : found) members += static_cast<double>(c.members.size());
  std::printf(
      "synthetic: %ld responses (%.0f MB of text): Add %.1f s, Find %.1f s, "
      "total %.1f s (target < 60 s), %.0f responses/s\n",
      n, bytes / 1e6, add_seconds, find_seconds, add_seconds + find_seconds,
      static_cast<double>(n) / (add_seconds + find_seconds));
  std::printf("synthetic: %zu campaigns, %.0f members, largest %zu\n",
              found.size(), members,
              found.empty() ? 0 : found[0].members.size());
  std::printf("peak RSS %.0f MB (before the finder %.0f MB; target < 300 MB)\n",
              static_cast<double>(PeakRssKb()) / 1024,
              static_cast<double>(rss_before) / 1024);
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
  if (flags.synthetic > 0) TimeSynthetic(texts, flags.synthetic, options);
  return 0;
}
