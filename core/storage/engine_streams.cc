// Engine: DynamoDB Streams — enabling and disabling a table's stream, reading its records,
// and trimming them after the 24-hour retention. The records themselves are written by the
// item write path (engine_writes.cc, planStreamRecord), in the item's own batch.
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <algorithm>
#include <cmath>

#include "storage/checked_read.h"
#include "storage/engine.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"
#include "values/item_binary.h"

namespace shardscape {

uint64_t Engine::sequenceAt(double time) {
    if (time <= 0) return 0;
    return static_cast<uint64_t>(std::floor(time * 1e6)) * 1000;
}

Result<TableDefinition> Engine::setStream(const std::string& tableName,
                                          std::optional<StreamViewType> viewType) {
    std::lock_guard writeLock(writeMutex_);
    TableDefinition updated;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(tableName);
        if (it == tables_.end())
            return Error{ErrorType::ResourceNotFound,
                         "Requested resource not found: Table: " + tableName + " not found"};
        updated = *it->second.definition;
    }
    const double now = this->now();
    leveldb::WriteBatch batch;
    if (viewType) {
        if (updated.liveStream())
            return validationError("Table already has an enabled stream: TableName: " + tableName);
        StreamDefinition stream;
        stream.id = nextTableId_;
        stream.viewType = *viewType;
        stream.created = now;
        stream.label = streamLabelFor(now);
        // Two streams of one table never share a label (and so an ARN).
        while (updated.findStream(stream.label)) {
            stream.created += 0.001;
            stream.label = streamLabelFor(stream.created);
        }
        updated.streams.push_back(std::move(stream));
        batch.Put(layout::metaKey("next_table_id"), std::to_string(nextTableId_ + 1));
    } else {
        if (!updated.liveStream())
            return validationError("Table has no stream to disable: TableName: " + tableName);
        updated.streams.back().disabled = now;
        updated.streams.back().lastSequence = lastSequence_.load(std::memory_order_relaxed);
    }
    batch.Put(layout::catalogKey(tableName), updated.toStorageJson().dump());
    SHARDSCAPE_TRY(writeToStorage(batch, true));
    if (viewType) ++nextTableId_;
    std::unique_lock lock(catalogMutex_);
    tables_[tableName].definition = std::make_shared<const TableDefinition>(updated);
    return present(tables_[tableName]);
}

std::vector<Engine::StreamHandle> Engine::streams() const {
    const double horizon = now() - kStreamRetentionSeconds;
    std::vector<StreamHandle> out;
    std::shared_lock lock(catalogMutex_);
    for (const auto& [name, state] : tables_)
        for (const auto& stream : state.definition->streams)
            if (stream.enabled() || stream.disabled >= horizon)
                out.push_back({state.definition, stream});
    for (const auto& [id, retired] : retiredTables_)
        for (const auto& stream : retired->streams)
            if (stream.disabled >= horizon) out.push_back({retired, stream});
    return out;
}

Result<std::vector<StreamRecord>> Engine::readStreamRecords(uint32_t streamId, uint64_t from,
                                                            uint64_t through, size_t limit,
                                                            size_t maxBytes) const {
    std::vector<StreamRecord> records;
    from = std::max(from, sequenceAt(now() - kStreamRetentionSeconds));
    if (from > through || limit == 0) return records;
    const std::string prefix = layout::streamPrefix(streamId);
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
    size_t bytes = 0;
    for (it->Seek(layout::streamRecordKey(streamId, from));
         it->Valid() && it->key().starts_with(prefix) && records.size() < limit; it->Next()) {
        const uint64_t sequence =
            layout::sequenceOfRecordKey(std::string_view(it->key().data(), it->key().size()));
        if (sequence > through) break;
        auto record =
            decodeStreamRecord(sequence, std::string_view(it->value().data(), it->value().size()));
        if (!record) return record.error();
        if (!records.empty() && bytes + record->sizeBytes > maxBytes) break;
        bytes += record->sizeBytes;
        records.push_back(std::move(record).value());
    }
    if (!it->status().ok()) return storageError(it->status());
    return records;
}

Result<uint64_t> Engine::streamTrimmedThrough(uint32_t streamId) const {
    const std::string prefix = layout::streamPrefix(streamId);
    uint64_t trimmed = 0;
    std::string mark;
    leveldb::Status s = db_->Get(checkedRead(), prefix, &mark);
    if (s.ok()) {
        std::string_view in(mark);
        if (!readVarint(in, trimmed)) return corruptionError("Corrupt stream trim mark");
    } else if (!s.IsNotFound()) {
        return storageError(s);
    }
    // Records past retention that the background trim has not removed yet count as trimmed.
    const uint64_t horizon = sequenceAt(now() - kStreamRetentionSeconds);
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
    it->Seek(layout::streamRecordKey(streamId, horizon));
    if (it->Valid())
        it->Prev();
    else
        it->SeekToLast();
    if (it->Valid() && it->key().starts_with(prefix) && it->key().size() == prefix.size() + 8)
        trimmed = std::max(trimmed, layout::sequenceOfRecordKey(
                                        std::string_view(it->key().data(), it->key().size())));
    if (!it->status().ok()) return storageError(it->status());
    return trimmed;
}

Status Engine::loadLastSequence() {
    uint64_t last = 0;
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
    std::vector<std::shared_ptr<const TableDefinition>> definitions;
    for (const auto& [name, state] : tables_) definitions.push_back(state.definition);
    for (const auto& [id, retired] : retiredTables_) definitions.push_back(retired);
    for (const auto& definition : definitions) {
        for (const auto& stream : definition->streams) {
            last = std::max(last, stream.lastSequence);
            const std::string prefix = layout::streamPrefix(stream.id);
            it->Seek(layout::prefixSuccessor(prefix));
            if (it->Valid())
                it->Prev();
            else
                it->SeekToLast();
            if (it->Valid() && it->key().starts_with(prefix))
                last = std::max(last, layout::sequenceOfRecordKey(
                                          std::string_view(it->key().data(), it->key().size())));
        }
    }
    if (!it->status().ok()) return storageError(it->status());
    lastSequence_.store(last, std::memory_order_release);
    return {};
}

Result<int64_t> Engine::trimStreams() {
    const double cutoff = now() - kStreamRetentionSeconds;
    const uint64_t horizon = sequenceAt(cutoff);
    int64_t removed = 0;
    for (const auto& handle : streams()) {
        const std::string prefix = layout::streamPrefix(handle.stream.id);
        std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
        leveldb::WriteBatch batch;
        uint64_t last = 0;
        for (it->Seek(layout::streamRecordKey(handle.stream.id, 0));
             it->Valid() && it->key().starts_with(prefix) && !stopping_; it->Next()) {
            const uint64_t sequence =
                layout::sequenceOfRecordKey(std::string_view(it->key().data(), it->key().size()));
            if (sequence >= horizon) break;
            batch.Delete(it->key());
            last = sequence;
            ++removed;
        }
        if (!it->status().ok()) return storageError(it->status());
        if (last == 0) continue;
        // The mark and the deletes in one batch: GetRecords tells a trimmed position from an
        // empty one by it.
        std::string mark;
        appendVarint(mark, last);
        batch.Put(prefix, mark);
        SHARDSCAPE_TRY(writeToStorage(batch, false));
    }
    // Disabled streams whose every record is past retention are gone.
    for (const auto& name : tableNames()) {
        auto table = this->table(name);
        if (!table) continue;
        std::vector<uint32_t> expired;
        // The latest stream stays in the catalog (DescribeTable's LatestStreamArn) with its
        // records trimmed; older ones go.
        for (size_t i = 0; i + 1 < table->streams.size(); ++i)
            if (!table->streams[i].enabled() && table->streams[i].disabled < cutoff)
                expired.push_back(table->streams[i].id);
        if (expired.empty()) continue;
        auto updated = updateTable(name, [&](TableDefinition& t) {
            std::erase_if(t.streams, [&](const StreamDefinition& stream) {
                return std::find(expired.begin(), expired.end(), stream.id) != expired.end();
            });
            return Status();
        });
        if (!updated) {
            if (updated.error().type == ErrorType::ResourceNotFound) continue;
            return updated.error();
        }
        for (uint32_t id : expired) SHARDSCAPE_TRY(purgeRange(layout::streamPrefix(id)));
    }
    // A deleted table's streams go once their last records are past retention.
    std::vector<std::shared_ptr<const TableDefinition>> gone;
    {
        std::shared_lock lock(catalogMutex_);
        for (const auto& [id, retired] : retiredTables_)
            if (std::all_of(retired->streams.begin(), retired->streams.end(),
                            [&](const StreamDefinition& s) { return s.disabled < cutoff; }))
                gone.push_back(retired);
    }
    for (const auto& retired : gone) {
        leveldb::WriteBatch batch;
        batch.Delete(layout::retiredTableKey(retired->id));
        SHARDSCAPE_TRY(writeToStorage(batch, false));
        {
            std::unique_lock lock(catalogMutex_);
            retiredTables_.erase(retired->id);
        }
        for (const auto& stream : retired->streams)
            SHARDSCAPE_TRY(purgeRange(layout::streamPrefix(stream.id)));
    }
    return removed;
}

}  // namespace shardscape
