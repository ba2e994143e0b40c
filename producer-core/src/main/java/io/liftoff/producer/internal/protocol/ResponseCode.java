package io.liftoff.producer.internal.protocol;

import java.util.Map;

/**
 * Response codes of RocketMQ servers ({@code ResponseCode} and {@code RemotingSysResponseCode}).
 */
public final class ResponseCode {

    public static final int SUCCESS = 0;
    public static final int SYSTEM_ERROR = 1;
    public static final int SYSTEM_BUSY = 2;
    public static final int REQUEST_CODE_NOT_SUPPORTED = 3;
    public static final int FLUSH_DISK_TIMEOUT = 10;
    public static final int SLAVE_NOT_AVAILABLE = 11;
    public static final int FLUSH_SLAVE_TIMEOUT = 12;
    public static final int MESSAGE_ILLEGAL = 13;
    public static final int SERVICE_NOT_AVAILABLE = 14;
    public static final int VERSION_NOT_SUPPORTED = 15;
    public static final int NO_PERMISSION = 16;
    public static final int TOPIC_NOT_EXIST = 17;
    public static final int INVALID_PARAMETER = 29;
    public static final int NO_BUYER_ID = 204;
    public static final int NOT_IN_CURRENT_UNIT = 205;
    public static final int FLOW_CONTROL = 215;
    public static final int ILLEGAL_OPERATION = 604;
    public static final int GO_AWAY = 1500;

    private static final Map<Integer, String> NAMES =
            Map.ofEntries(
                    Map.entry(SUCCESS, "SUCCESS"),
                    Map.entry(SYSTEM_ERROR, "SYSTEM_ERROR"),
                    Map.entry(SYSTEM_BUSY, "SYSTEM_BUSY"),
                    Map.entry(REQUEST_CODE_NOT_SUPPORTED, "REQUEST_CODE_NOT_SUPPORTED"),
                    Map.entry(FLUSH_DISK_TIMEOUT, "FLUSH_DISK_TIMEOUT"),
                    Map.entry(SLAVE_NOT_AVAILABLE, "SLAVE_NOT_AVAILABLE"),
                    Map.entry(FLUSH_SLAVE_TIMEOUT, "FLUSH_SLAVE_TIMEOUT"),
                    Map.entry(MESSAGE_ILLEGAL, "MESSAGE_ILLEGAL"),
                    Map.entry(SERVICE_NOT_AVAILABLE, "SERVICE_NOT_AVAILABLE"),
                    Map.entry(VERSION_NOT_SUPPORTED, "VERSION_NOT_SUPPORTED"),
                    Map.entry(NO_PERMISSION, "NO_PERMISSION"),
                    Map.entry(TOPIC_NOT_EXIST, "TOPIC_NOT_EXIST"),
                    Map.entry(INVALID_PARAMETER, "INVALID_PARAMETER"),
                    Map.entry(NO_BUYER_ID, "NO_BUYER_ID"),
                    Map.entry(NOT_IN_CURRENT_UNIT, "NOT_IN_CURRENT_UNIT"),
                    Map.entry(FLOW_CONTROL, "FLOW_CONTROL"),
                    Map.entry(ILLEGAL_OPERATION, "ILLEGAL_OPERATION"),
                    Map.entry(GO_AWAY, "GO_AWAY"));

    private ResponseCode() {}

    /** The code's RocketMQ name, or {@code CODE_<n>} for one this client does not know. */
    public static String name(int code) {
        return NAMES.getOrDefault(code, "CODE_" + code);
    }
}
