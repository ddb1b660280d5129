"""Independent reports: articles after folding exact and near-duplicate (syndicated) copies into
one story (MinHash of word 5-grams, Jaccard >= 0.7, datasketch)."""
from __future__ import annotations

import re
import zlib

from datasketch import MinHash, MinHashLSH

NEAR_DUPLICATE_JACCARD = 0.7
SHINGLE_WORDS = 5
NUM_PERM = 64
WORD = re.compile(r"\w+")


class NearDuplicates:
    """Streaming near-duplicate detection: each article gets the story id of the first earlier
    article whose text it nearly copies, else its own id."""

    def __init__(self):
        self.lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
        self.story: dict[str, str] = {}
        # drawn once: MinHash draws its random permutations anew for every signature
        first = MinHash(num_perm=NUM_PERM, seed=1)
        self.scheme, self.permutations = first.scheme, first.permutations

    def story_of(self, article_id: str, text: str) -> str:
        words = WORD.findall(text.lower())
        shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                    for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
        signature = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32,  # C-fast, stable
                            scheme=self.scheme, permutations=self.permutations)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        matches = sorted(self.lsh.query(signature))
        story = self.story[matches[0]] if matches else article_id
        if article_id not in self.story:
            self.lsh.insert(article_id, signature)
            self.story[article_id] = story
        return story
