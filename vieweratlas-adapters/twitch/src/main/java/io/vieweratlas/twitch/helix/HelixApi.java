package io.vieweratlas.twitch.helix;

import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Query;

import java.util.List;

/** Retrofit view of the Helix endpoints this adapter uses. */
interface HelixApi {

    @GET("streams")
    Call<Page<StreamDto>> streams(@Header("Authorization") String bearer, @Query("first") int first,
                                  @Query("after") String after, @Query("type") String type,
                                  @Query("language") List<String> languages, @Query("game_id") List<String> gameIds,
                                  @Query("user_login") List<String> userLogins);

    @GET("users")
    Call<Page<UserDto>> users(@Header("Authorization") String bearer, @Query("login") List<String> logins);

    @GET("videos")
    Call<Page<VideoDto>> videos(@Header("Authorization") String bearer, @Query("user_id") String userId,
                                @Query("type") String type, @Query("first") int first, @Query("after") String after);

    @GET("videos")
    Call<Page<VideoDto>> videosById(@Header("Authorization") String bearer, @Query("id") List<String> ids);

    /** A Helix list response: {@code data} plus an optional cursor. */
    record Page<T>(List<T> data, Pagination pagination) {
        public Page {
            data = data == null ? List.of() : data;
        }

        String cursor() {
            return pagination == null || pagination.cursor() == null || pagination.cursor().isBlank()
                    ? null : pagination.cursor();
        }
    }

    /** Helix pagination object. */
    record Pagination(String cursor) {
    }

    /** One entry of {@code GET /streams}. */
    record StreamDto(String id, String userId, String userLogin, String userName, String gameId, String gameName,
                     String type, String title, Long viewerCount, String startedAt, String language) {
    }

    /** One entry of {@code GET /users}. */
    record UserDto(String id, String login, String displayName, String broadcasterType, String description,
                   String createdAt) {
    }

    /** One entry of {@code GET /videos}. */
    record VideoDto(String id, String userId, String userLogin, String title, String createdAt, String publishedAt,
                    Long viewCount, String duration, String type) {
    }
}
