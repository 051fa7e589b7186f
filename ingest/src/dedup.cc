#include "sift/ingest/dedup.h"

#include <cstdio>

#include "sift/ingest/normalizer.h"

namespace sift::ingest {

__extension__ using Uint128 = unsigned __int128;

std::string ContentKey(std::string_view analysis_text) {
  // FNV-1a over 128 bits (offset basis and prime from the FNV reference).
  Uint128 hash = (static_cast<Uint128>(0x6c62272e07bb0142ULL) << 64) |
                 0x62b821756295c58dULL;
  const Uint128 prime =
      (static_cast<Uint128>(0x0000000001000000ULL) << 64) | 0x13BULL;
  for (unsigned char c : CaseFold(analysis_text)) {
    hash ^= c;
    hash *= prime;
  }
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(hash >> 64),
                static_cast<unsigned long long>(hash));
  return buf;
}

std::string DuplicateTracker::Observe(const std::string& key,
                                      const std::string& id,
                                      const std::string& respondent) {
  auto [it, added] = first_.try_emplace(key, First{id, respondent});
  if (added || it->second.id == id || it->second.respondent == respondent) {
    return "";
  }
  return it->second.id;
}

}  // namespace sift::ingest
