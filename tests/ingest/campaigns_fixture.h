// Helpers shared by the campaign detection tests.
#ifndef SIFT_TESTS_INGEST_CAMPAIGNS_FIXTURE_H_
#define SIFT_TESTS_INGEST_CAMPAIGNS_FIXTURE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "sift/ingest/campaigns.h"

namespace sift::ingest {

using Indices = std::vector<std::size_t>;

inline std::vector<Campaign> FindAll(const std::vector<std::string>& texts,
                                     CampaignOptions options = {}) {
  CampaignFinder finder(options);
  for (const std::string& t : texts) finder.Add(t);
  return finder.Find();
}

inline std::vector<std::string> Repeat(const std::string& text, int n) {
  return std::vector<std::string>(static_cast<std::size_t>(n), text);
}

// Words "w<from>" to "w<to - 1>" as one text; slices of one sequence make
// texts with known overlaps.
inline std::string Slice(int from, int to) {
  std::string text;
  for (int i = from; i < to; ++i) {
    text.append(text.empty() ? "" : " ").append("w").append(std::to_string(i));
  }
  return text;
}

}  // namespace sift::ingest

#endif  // SIFT_TESTS_INGEST_CAMPAIGNS_FIXTURE_H_
