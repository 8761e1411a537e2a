#pragma once
// The Connections dialog: saved connection profiles (endpoint URL or region, and where the
// credentials come from: the environment then the AWS profile, an AWS profile, or typed in),
// editing them, and "Test connection" (ListTables off the GUI thread). Profiles are saved
// in QSettings; a typed secret only when "Remember the secret" is ticked.

#include <QDialog>
#include <QFutureWatcher>
#include <vector>

#include "base/result.h"
#include "remote/connection_profile.h"

class QListWidget;
class QLineEdit;
class QComboBox;
class QCheckBox;
class QLabel;
class QPushButton;
class QSettings;

namespace shardscape {

class ConnectionsDialog : public QDialog {
    Q_OBJECT
  public:
    ConnectionsDialog(std::vector<ConnectionProfile> profiles, QSettings* settings,
                      AwsEnvironment environment, QWidget* parent = nullptr);

    // The profiles as edited (typed secrets included, whether remembered or not).
    const std::vector<ConnectionProfile>& profiles() const { return profiles_; }
    // The profile selected when the dialog was accepted with Connect (-1: none).
    int chosenIndex() const { return chosen_; }

    // Adds a new profile and selects it.
    void addProfile();
    void removeCurrent();
    // Tests the form's profile: resolves it and lists the tables, off the GUI thread.
    void testConnection();
    // Saves every profile to the settings.
    void save();

    QListWidget* profileList() const { return list_; }
    QLineEdit* nameEdit() const { return name_; }
    QLineEdit* endpointEdit() const { return endpoint_; }
    QLineEdit* regionEdit() const { return region_; }
    QComboBox* sourceBox() const { return source_; }
    QLineEdit* awsProfileEdit() const { return awsProfile_; }
    QLineEdit* accessKeyEdit() const { return accessKey_; }
    QLineEdit* secretEdit() const { return secret_; }
    QLineEdit* sessionTokenEdit() const { return token_; }
    QCheckBox* rememberBox() const { return remember_; }
    QPushButton* testButton() const { return testButton_; }
    QPushButton* connectButton() const { return connectButton_; }
    QLabel* testResult() const { return result_; }

  signals:
    void testFinished(bool ok, const QString& message);

  private:
    void showProfile(int row);
    void storeForm();  // the form into the current profile
    void updateEnabled();

    std::vector<ConnectionProfile> profiles_;
    QSettings* settings_;
    AwsEnvironment environment_;
    int current_ = -1;
    int chosen_ = -1;
    bool loading_ = false;

    QListWidget* list_ = nullptr;
    QLineEdit* name_ = nullptr;
    QLineEdit* endpoint_ = nullptr;
    QLineEdit* region_ = nullptr;
    QComboBox* source_ = nullptr;
    QLineEdit* awsProfile_ = nullptr;
    QLineEdit* accessKey_ = nullptr;
    QLineEdit* secret_ = nullptr;
    QLineEdit* token_ = nullptr;
    QCheckBox* remember_ = nullptr;
    QPushButton* testButton_ = nullptr;
    QPushButton* connectButton_ = nullptr;
    QLabel* result_ = nullptr;
    QFutureWatcher<Result<QString>> tester_;
};

}  // namespace shardscape
