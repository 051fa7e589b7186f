// Internals shared by campaign_text.cc and campaigns.cc: the word scanner
// and the 64-bit mixing they both hash with.
#ifndef SIFT_INGEST_CAMPAIGN_TEXT_H_
#define SIFT_INGEST_CAMPAIGN_TEXT_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sift::ingest::campaign_internal {

// The splitmix64 finaliser: a bijection whose output bits all depend on
// every input bit.
inline std::uint64_t Mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Replaces `out` with one 64-bit hash per word of `text` (words as defined
// in sift/ingest/campaigns.h), in order. Independent of any seed.
void WordHashes(std::string_view text, std::vector<std::uint64_t>* out);

// A key for the whole word sequence: equal sequences, equal keys.
std::uint64_t SequenceKey(const std::vector<std::uint64_t>& words);

// A group's id: `prefix` ('c' campaign, 'r' repeated answer) and 10
// lower-case hex digits of `key` (a SequenceKey).
std::string GroupId(char prefix, std::uint64_t key);

// Sorts Campaigns or RepeatedAnswers largest first, then by id.
template <typename Group>
void SortLargestFirst(std::vector<Group>* groups) {
  std::sort(groups->begin(), groups->end(), [](const Group& a, const Group& b) {
    if (a.members.size() != b.members.size())
      return a.members.size() > b.members.size();
    return a.id < b.id;
  });
}

}  // namespace sift::ingest::campaign_internal

#endif  // SIFT_INGEST_CAMPAIGN_TEXT_H_
