#include "campaign_timing.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

namespace sift::bench {
namespace {

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

}  // namespace

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

}  // namespace sift::bench
