#pragma once
// The Backend of a remote endpoint: every call goes through a signed DynamoDbClient. It offers
// DynamoDB's API only (no capability of backend.h): the engine-only operations answer that
// they are available only on the local engine.

#include "backend/backend.h"
#include "remote/dynamodb_client.h"

namespace shardscape {

class RemoteBackend : public Backend {
  public:
    explicit RemoteBackend(DynamoDbClient client) : client_(std::move(client)) {}
    // Resolves `profile` against `environment` and makes the client.
    static Result<std::shared_ptr<RemoteBackend>> connect(const ConnectionProfile& profile,
                                                          const AwsEnvironment& environment);

    Result<Json> call(std::string_view operation, const Json& request) override {
        return client_.call(operation, request);
    }
    std::string description() const override { return client_.connection().endpointUrl; }
    std::string endpointUrl() const override { return client_.connection().endpointUrl; }
    const DynamoDbClient& client() const { return client_; }

  private:
    DynamoDbClient client_;
};

}  // namespace shardscape
