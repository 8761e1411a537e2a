// Engine: opening the database and the table catalog.
#include "storage/engine.h"

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/env.h>
#include <leveldb/filter_policy.h>
#include <leveldb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>

#include "storage/checked_read.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"
#include "values/item_binary.h"

namespace shardscape {

namespace {

constexpr const char* kFormatVersion = "1";

std::string randomUuid() {
    std::random_device device;
    std::mt19937_64 generator(device());
    std::uniform_int_distribution<int> hex(0, 15);
    const char* digits = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            out.push_back('-');
        } else if (i == 14) {
            out.push_back('4');
        } else {
            out.push_back(digits[i == 19 ? (8 + hex(generator) % 4) : hex(generator)]);
        }
    }
    return out;
}

// Forwards to the file system LevelDB would use and notes when LevelDB could not take the
// data directory's lock, which is how it says that another process has the directory open.
// A lock file that cannot be opened at all (no permission, a read-only file system) is the
// I/O error it is, not a directory in use: after a refused lock, the file is opened once
// more to tell the two apart. That open is closed again, which would release a lock this
// process held on the file (fcntl locks are per process), so it must never run for a
// directory this process has open: Engine::open refuses those before LevelDB starts.
class LockObservingEnv : public leveldb::EnvWrapper {
  public:
    explicit LockObservingEnv(leveldb::Env* target) : EnvWrapper(target) {}

    leveldb::Status LockFile(const std::string& name, leveldb::FileLock** lock) override {
        leveldb::Status locked = target()->LockFile(name, lock);
        if (locked.ok()) return locked;
        leveldb::WritableFile* file = nullptr;
        lockRefused_ = target()->NewAppendableFile(name, &file).ok();
        delete file;
        return locked;
    }

    bool lockRefused() const { return lockRefused_; }

  private:
    bool lockRefused_ = false;
};

// The data directories this process has open (their canonical paths).
std::mutex openDirectoriesMutex;
std::set<std::string> openDirectories;

Error tableNotFound(const std::string& name) {
    return Error{ErrorType::ResourceNotFound,
                 "Requested resource not found: Table: " + name + " not found"};
}

}  // namespace

Result<std::unique_ptr<Engine>> Engine::open(const std::string& directory, EngineOptions options) {
    std::unique_ptr<Engine> engine(new Engine());
    engine->options_ = std::move(options);
    engine->directory_ = directory;
    {
        std::error_code ec;
        std::string canonical = std::filesystem::weakly_canonical(directory, ec).string();
        if (ec || canonical.empty()) canonical = directory;
        std::lock_guard lock(openDirectoriesMutex);
        if (!openDirectories.insert(canonical).second)
            return busyError("Data directory " + directory +
                             " is already open in this Shardscape process");
        engine->openDirectory_ = std::move(canonical);  // the destructor removes it
    }
    if (!engine->options_.env) {
        std::error_code ec;
        std::filesystem::create_directories(directory, ec);
        if (ec) return fileSystemError("Cannot create data directory " + directory, ec.value());
    }
    leveldb::Options dbOptions;
    dbOptions.create_if_missing = true;
    dbOptions.paranoid_checks = true;
    dbOptions.write_buffer_size = engine->options_.writeBufferBytes;
    engine->cache_.reset(leveldb::NewLRUCache(engine->options_.blockCacheBytes));
    dbOptions.block_cache = engine->cache_.get();
    engine->filterPolicy_.reset(leveldb::NewBloomFilterPolicy(10));
    dbOptions.filter_policy = engine->filterPolicy_.get();
    auto env = std::make_unique<LockObservingEnv>(engine->options_.env ? engine->options_.env
                                                                       : leveldb::Env::Default());
    dbOptions.env = env.get();

    leveldb::DB* raw = nullptr;
    leveldb::Status status = leveldb::DB::Open(dbOptions, directory, &raw);
    if (!status.ok()) {
        if (env->lockRefused())
            return busyError("Data directory " + directory +
                             " is in use by another Shardscape process (" + status.ToString() +
                             ")");
        return storageError(status);
    }
    engine->env_ = std::move(env);
    engine->db_.reset(raw);
    SHARDSCAPE_TRY(engine->load());
    SHARDSCAPE_TRY(engine->purgeOrphanedItems());
    engine->startBackgroundThread();
    // Backfills interrupted by the last close resume (re-putting entries is idempotent).
    for (const auto& name : engine->tableNames()) {
        auto table = engine->table(name);
        for (const auto& index : table->indexes)
            if (index.status == IndexStatus::Creating) {
                const uint32_t id = index.id;
                Engine* self = engine.get();
                engine->enqueue([self, name, id] { self->runBackfill(name, id); });
            }
    }
    return engine;
}

Engine::~Engine() {
    stopBackgroundThread();
    // Best effort: a failed save leaves no "clean" mark, so the next open recounts.
    if (db_) (void)saveStatistics();
    db_.reset();  // closes LevelDB before the cache and filter it uses
    if (!openDirectory_.empty()) {
        std::lock_guard lock(openDirectoriesMutex);
        openDirectories.erase(openDirectory_);
    }
}

// Statistics live in memory while the engine is open (writing them with every item would
// double the cost of a write) and are saved, with a "clean" mark, when it closes. An open
// that finds no mark recounts them from the items, so they are exact even after kill -9.
Status Engine::saveStatistics() {
    std::lock_guard lock(writeMutex_);
    // Statistics left short by unread puts that cannot be recounted are saved without the
    // clean mark: the next open recounts them.
    for (const auto& name : tableNames())
        if (!settleStatisticsLocked(name)) statisticsStale_ = true;
    leveldb::WriteBatch batch;
    {
        std::shared_lock catalogLock(catalogMutex_);
        for (const auto& [name, state] : tables_) {
            batch.Put(layout::statsKey(state.definition->id), encodeTableStatistics(state.stats));
            for (const auto& index : state.definition->indexes) {
                IndexStatistics figures;
                if (auto it = state.stats.indexes.find(index.id); it != state.stats.indexes.end())
                    figures = it->second;
                batch.Put(layout::statsKey(index.id),
                          encodeTableStatistics({figures.itemCount, figures.sizeBytes, {}}));
            }
        }
    }
    // Without the mark the next open recounts them (the mark was removed when this engine
    // opened).
    if (!statisticsStale_) batch.Put(layout::metaKey("clean"), "1");
    return writeToStorage(batch, true);
}

namespace {

constexpr const char* kStorageAdvice =
    "free disk space or fix the disk, then open the data directory again (restart "
    "`shardscape-cli serve`, or reopen it in Shardscape)";

}  // namespace

Status Engine::writeToStorage(leveldb::WriteBatch& batch, bool sync) {
    if (writesStopped_.load(std::memory_order_acquire)) return *storageFailure();
    leveldb::WriteOptions options;
    options.sync = sync;
    const leveldb::Status s = db_->Write(options, &batch);
    if (s.ok()) return {};
    const Error cause = storageError(s);
    std::lock_guard lock(storageFailureMutex_);
    if (!storageFailure_) {
        std::string later = "Writes to data directory " + directory_ +
                            " are stopped after a storage error (" + s.ToString() + "): ";
        storageFailure_ = Error{cause.code, later + kStorageAdvice};
        writesStopped_.store(true, std::memory_order_release);
    }
    return Error{cause.code, "Storage error in data directory " + directory_ + ": " + s.ToString() +
                                 ". The request may not have been saved. Writes to this data "
                                 "directory are stopped to keep the data in it safe: " +
                                 kStorageAdvice + "."};
}

std::optional<Error> Engine::storageFailure() const {
    if (!writesStopped_.load(std::memory_order_acquire)) return std::nullopt;
    std::lock_guard lock(storageFailureMutex_);
    return storageFailure_;
}

double Engine::now() const {
    if (options_.clock) return options_.clock();
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() / 1000.0;
}

Status Engine::load() {
    std::string format;
    leveldb::Status s = db_->Get(checkedRead(), layout::metaKey("format"), &format);
    if (s.IsNotFound()) {
        leveldb::WriteBatch batch;
        batch.Put(layout::metaKey("format"), kFormatVersion);
        SHARDSCAPE_TRY(writeToStorage(batch, true));
    } else if (!s.ok()) {
        return storageError(s);
    } else if (format != kFormatVersion) {
        return internalError("Data directory uses storage format " + format +
                             ", which this version of Shardscape does not support");
    }

    std::string clean;
    const bool closedCleanly = db_->Get(checkedRead(), layout::metaKey("clean"), &clean).ok();

    std::string counter;
    s = db_->Get(checkedRead(), layout::metaKey("next_table_id"), &counter);
    if (s.ok()) nextTableId_ = static_cast<uint32_t>(std::stoul(counter));

    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
    const std::string prefix(1, layout::kCatalogPrefix);
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        Json json = Json::parse(it->value().ToString(), nullptr, false);
        if (json.is_discarded()) return corruptionError("Corrupt table definition in catalog");
        auto definition = TableDefinition::fromStorageJson(json);
        if (!definition) return definition.error();
        TableState state;
        std::string stats;
        if (db_->Get(checkedRead(), layout::statsKey(definition->id), &stats).ok())
            state.stats = decodeTableStatistics(stats);
        for (const auto& index : definition->indexes) {
            if (!db_->Get(checkedRead(), layout::statsKey(index.id), &stats).ok()) continue;
            const TableStatistics figures = decodeTableStatistics(stats);
            state.stats.indexes[index.id] = {figures.itemCount, figures.sizeBytes};
        }
        state.definition = std::make_shared<const TableDefinition>(std::move(definition).value());
        syncMeterLocked(state);
        tables_.emplace(state.definition->name, std::move(state));
    }
    if (!it->status().ok()) return storageError(it->status());
    const std::string retiredSpace(1, layout::kRetiredTablePrefix);
    for (it->Seek(retiredSpace); it->Valid() && it->key().starts_with(retiredSpace); it->Next()) {
        Json json = Json::parse(it->value().ToString(), nullptr, false);
        if (json.is_discarded()) return corruptionError("Corrupt deleted table's stream entry");
        auto definition = TableDefinition::fromStorageJson(json);
        if (!definition) return definition.error();
        const uint32_t id = definition->id;
        retiredTables_[id] = std::make_shared<const TableDefinition>(std::move(definition).value());
    }
    if (!it->status().ok()) return storageError(it->status());

    if (!closedCleanly) {
        for (const auto& [name, state] : tables_) SHARDSCAPE_TRY(recountLocked(name));
    }
    SHARDSCAPE_TRY(loadLastSequence());
    // From now on the stored statistics are stale until the next clean close.
    leveldb::WriteBatch batch;
    batch.Delete(layout::metaKey("clean"));
    return writeToStorage(batch, true);
}

// A DeleteTable interrupted by a crash leaves items whose table id is no longer in the
// catalog; ids are never reused, so such items are unreachable and are removed here.
Status Engine::purgeOrphanedItems() {
    std::map<uint32_t, bool> live;
    for (const auto& [name, state] : tables_) {
        live[state.definition->id] = true;
        for (const auto& index : state.definition->indexes) live[index.id] = true;
        for (const auto& stream : state.definition->streams) live[stream.id] = true;
    }
    for (const auto& [id, retired] : retiredTables_)
        for (const auto& stream : retired->streams) live[stream.id] = true;
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
    const std::string itemSpace(1, layout::kItemPrefix);
    it->Seek(itemSpace);
    while (it->Valid() && it->key().starts_with(itemSpace) && it->key().size() >= 5) {
        const auto* k = reinterpret_cast<const unsigned char*>(it->key().data());
        const uint32_t id =
            (uint32_t(k[1]) << 24) | (uint32_t(k[2]) << 16) | (uint32_t(k[3]) << 8) | k[4];
        if (!live.count(id)) SHARDSCAPE_TRY(purgeTableItems(id));
        it->Seek(layout::prefixSuccessor(layout::tablePrefix(id)));
    }
    if (!it->status().ok()) return storageError(it->status());
    // Stream records of streams no longer in the catalog (a deleted table's, an expired one's).
    const std::string streamSpace(1, layout::kStreamPrefix);
    it->Seek(streamSpace);
    while (it->Valid() && it->key().starts_with(streamSpace) && it->key().size() >= 5) {
        const auto* k = reinterpret_cast<const unsigned char*>(it->key().data());
        const uint32_t id =
            (uint32_t(k[1]) << 24) | (uint32_t(k[2]) << 16) | (uint32_t(k[3]) << 8) | k[4];
        if (!live.count(id)) SHARDSCAPE_TRY(purgeRange(layout::streamPrefix(id)));
        it->Seek(layout::prefixSuccessor(layout::streamPrefix(id)));
    }
    if (!it->status().ok()) return storageError(it->status());
    return {};
}

Status Engine::purgeTableItems(uint32_t tableId) {
    return purgeRange(layout::tablePrefix(tableId));
}

Status Engine::purgeRange(const std::string& prefix) {
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
    leveldb::WriteBatch batch;
    size_t pending = 0;
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        batch.Delete(it->key());
        if (++pending == 10000) {
            SHARDSCAPE_TRY(writeToStorage(batch, false));
            batch.Clear();
            pending = 0;
        }
    }
    SHARDSCAPE_TRY(writeToStorage(batch, options_.syncWrites));
    return {};
}

Result<std::shared_ptr<const TableDefinition>> Engine::requireTable(const std::string& name) const {
    std::shared_lock lock(catalogMutex_);
    auto it = tables_.find(name);
    if (it == tables_.end() || statusOf(it->second) == TableStatus::Creating)
        return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    return it->second.definition;
}

std::shared_ptr<const TableDefinition> Engine::table(const std::string& name) const {
    std::shared_lock lock(catalogMutex_);
    auto it = tables_.find(name);
    if (it == tables_.end() || statusOf(it->second) == TableStatus::Creating) return nullptr;
    return it->second.definition;
}

Result<TableDefinition> Engine::createTable(TableDefinition definition) {
    std::lock_guard writeLock(writeMutex_);
    {
        std::unique_lock lock(catalogMutex_);
        auto existing = tables_.find(definition.name);
        if (existing != tables_.end() && statusOf(existing->second) == TableStatus::Creating)
            return Error{ErrorType::ResourceInUse,
                         "Attempt to change a resource which is still in use: Table is being "
                         "created: " +
                             definition.name};
        if (existing != tables_.end() || deletingLocked(definition.name))
            return Error{ErrorType::ResourceInUse, "Table already exists: " + definition.name};
        deletingTables_.erase(definition.name);  // its DELETING time is over
    }
    uint32_t nextId = nextTableId_;
    definition.id = nextId++;
    for (auto& index : definition.indexes) index.id = nextId++;
    definition.tableId = randomUuid();
    definition.creationDateTime = now();
    // A stream asked for by CreateTable starts with the table.
    for (auto& stream : definition.streams) {
        stream.id = nextId++;
        stream.created = definition.creationDateTime;
        stream.label = streamLabelFor(stream.created);
    }
    leveldb::WriteBatch batch;
    batch.Put(layout::metaKey("next_table_id"), std::to_string(nextId));
    batch.Put(layout::catalogKey(definition.name), definition.toStorageJson().dump());
    batch.Put(layout::statsKey(definition.id), encodeTableStatistics({}));
    for (const auto& index : definition.indexes)
        batch.Put(layout::statsKey(index.id), encodeTableStatistics({}));
    SHARDSCAPE_TRY(writeToStorage(batch, true));  // catalog changes are rare; always durable
    nextTableId_ = nextId;
    std::unique_lock lock(catalogMutex_);
    TableState& state = tables_[definition.name];
    state = TableState{std::make_shared<const TableDefinition>(definition), {}, {}, {}, {}};
    if (options_.createTableMs > 0) {
        // The table's global secondary indexes are CREATING with it.
        std::map<std::string, IndexStatus> creating;
        for (const auto& index : definition.indexes)
            if (index.global) creating[index.name] = IndexStatus::Creating;
        state.lifecycle = Lifecycle{TableStatus::Creating,
                                    now() + static_cast<double>(options_.createTableMs) / 1000,
                                    std::move(creating),
                                    {},
                                    {}};
    }
    syncMeterLocked(state);
    return present(state);
}

Result<std::pair<TableDefinition, TableStatistics>> Engine::describeTable(
    const std::string& name) const {
    std::lock_guard writeLock(writeMutex_);  // stats are guarded by the write mutex
    SHARDSCAPE_TRY(settleStatisticsLocked(name));
    std::shared_lock lock(catalogMutex_);
    auto it = tables_.find(name);
    if (it != tables_.end()) return std::make_pair(present(it->second), it->second.stats);
    if (deletingLocked(name)) {
        const DeletingTable& deleting = deletingTables_.at(name);
        return std::make_pair(deleting.definition, deleting.stats);
    }
    return tableNotFound(name);
}

std::vector<std::string> Engine::tableNames() const {
    std::shared_lock lock(catalogMutex_);
    std::vector<std::string> names;
    names.reserve(tables_.size());
    for (const auto& [name, state] : tables_) names.push_back(name);
    return names;
}

Result<TableDefinition> Engine::updateTable(const std::string& name,
                                            const std::function<Status(TableDefinition&)>& edit) {
    std::lock_guard writeLock(writeMutex_);
    TableDefinition updated;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(name);
        if (it == tables_.end()) return tableNotFound(name);
        updated = *it->second.definition;
    }
    SHARDSCAPE_TRY(edit(updated));
    // A capacity meter starting now sizes its partitions by the statistics.
    SHARDSCAPE_TRY(settleStatisticsLocked(name));
    {
        leveldb::WriteBatch batch;
        batch.Put(layout::catalogKey(name), updated.toStorageJson().dump());
        SHARDSCAPE_TRY(writeToStorage(batch, true));
    }
    std::unique_lock lock(catalogMutex_);
    tables_[name].definition = std::make_shared<const TableDefinition>(updated);
    syncMeterLocked(tables_[name]);
    return present(tables_[name]);
}

Result<std::pair<TableDefinition, TableStatistics>> Engine::deleteTable(const std::string& name) {
    std::lock_guard writeLock(writeMutex_);
    SHARDSCAPE_TRY(settleStatisticsLocked(name));
    TableState state;
    {
        std::shared_lock lock(catalogMutex_);
        SHARDSCAPE_TRY(changeableLocked(name));
        state = tables_.at(name);
    }
    // Drop the catalog entry first (atomically); the items become unreachable and are purged
    // next, or at the next open if the process dies in between.
    leveldb::WriteBatch batch;
    batch.Delete(layout::catalogKey(name));
    batch.Delete(layout::statsKey(state.definition->id));
    for (const auto& index : state.definition->indexes) batch.Delete(layout::statsKey(index.id));
    // Streams whose records are still readable are kept (disabled now) with the definition
    // they describe, in the same batch, so that a crash cannot lose them or keep the table.
    const double deletedAt = now();
    std::shared_ptr<const TableDefinition> retired;
    {
        TableDefinition kept = *state.definition;
        std::erase_if(kept.streams, [&](const StreamDefinition& stream) {
            return !stream.enabled() && stream.disabled < deletedAt - kStreamRetentionSeconds;
        });
        for (auto& stream : kept.streams)
            if (stream.enabled()) {
                stream.disabled = deletedAt;
                stream.lastSequence = lastSequence_.load(std::memory_order_acquire);
            }
        if (!kept.streams.empty()) {
            kept.indexes.clear();
            batch.Put(layout::retiredTableKey(kept.id), kept.toStorageJson().dump());
            retired = std::make_shared<const TableDefinition>(std::move(kept));
        }
    }
    SHARDSCAPE_TRY(writeToStorage(batch, true));
    TableDefinition deleted = *state.definition;
    deleted.status = TableStatus::Deleting;
    {
        std::unique_lock lock(catalogMutex_);
        if (tables_[name].meter) --meteredTables_;
        tables_.erase(name);
        if (retired) retiredTables_[retired->id] = retired;
        // Described and listed as DELETING for a while; its items are purged now (no request
        // reaches them any more).
        std::erase_if(deletingTables_,
                      [&](const auto& entry) { return now() >= entry.second.until; });
        if (options_.deleteTableMs > 0)
            deletingTables_[name] = DeletingTable{
                deleted, state.stats, now() + static_cast<double>(options_.deleteTableMs) / 1000};
    }
    SHARDSCAPE_TRY(purgeTableItems(state.definition->id));
    for (const auto& index : state.definition->indexes) SHARDSCAPE_TRY(purgeTableItems(index.id));
    // Streams past retention go now; the others when their records are (trimStreams).
    for (const auto& stream : state.definition->streams)
        if (!retired ||
            std::none_of(retired->streams.begin(), retired->streams.end(),
                         [&](const StreamDefinition& kept) { return kept.id == stream.id; }))
            SHARDSCAPE_TRY(purgeRange(layout::streamPrefix(stream.id)));
    if (state.definition->hasLocalIndexes()) {
        std::string collections = layout::tablePrefix(state.definition->id);
        collections[0] = layout::kCollectionPrefix;
        SHARDSCAPE_TRY(purgeRange(collections));
    }
    return std::make_pair(deleted, state.stats);
}

}  // namespace shardscape
